package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScalerTest {
    private static final double[][] ROWS = {{10, 0}, {20, 5}, {30, 10}, {40, 5}};

    @Test
    void standardisationCentresOnTheMeanAndScalesByTheStandardDeviation() {
        Scaler scaler = Scaler.fit(ScalerKind.STANDARD, ROWS, 2);

        assertThat(scaler.center()).containsExactly(25, 5);
        assertThat(scaler.scale()[0]).isCloseTo(Math.sqrt(125), within(1e-12));
        assertThat(scaler.apply(0, 25)).isZero();
        assertThat(scaler.apply(0, 25 + Math.sqrt(125))).isCloseTo(1, within(1e-12));
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroToOne() {
        Scaler scaler = Scaler.fit(ScalerKind.MINMAX, ROWS, 2);

        assertThat(scaler.apply(0, 10)).isZero();
        assertThat(scaler.apply(0, 40)).isEqualTo(1);
        assertThat(scaler.apply(1, 5)).isEqualTo(0.5);
        assertThat(scaler.apply(0, 70)).isEqualTo(2);
    }

    @Test
    void aConstantFeatureDoesNotDivideByZero() {
        Scaler scaler = Scaler.fit(ScalerKind.STANDARD, new double[][] {{3}, {3}, {3}}, 1);

        assertThat(scaler.apply(0, 3)).isZero();
        assertThat(Double.isFinite(scaler.apply(0, 4))).isTrue();
    }

    @Test
    void onlyUsableValuesMakeAScaler() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Scaler(ScalerKind.STANDARD, new double[] {0}, new double[] {0}))
                .hasMessageContaining("not usable");
    }
}
