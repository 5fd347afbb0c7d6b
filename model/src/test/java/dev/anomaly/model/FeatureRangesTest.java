package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureRangesTest {
    /** An idle machine's CPU for 30 s: 2.0 to 2.1 %, a spread of hundredths. */
    private static final double[][] IDLE = idle();

    @Test
    void aBusyHourOnAMachineTrainedIdleIsAnAnomalyNotABrokenRecord() {
        FeatureRanges ranges = FeatureRanges.of(IDLE, 1);
        Scaler scaler = Scaler.fit(ScalerKind.STANDARD, IDLE, 1);

        assertThat(ranges.firstImplausible(new double[] {99.5}, scaler)).isEqualTo(-1);
    }

    @Test
    void valuesNoRealHostHasAreStillImplausible() {
        FeatureRanges ranges = FeatureRanges.of(IDLE, 1);
        Scaler scaler = Scaler.fit(ScalerKind.STANDARD, IDLE, 1);

        assertThat(ranges.firstImplausible(new double[] {1e6}, scaler)).isZero();
        assertThat(ranges.firstImplausible(new double[] {-1}, scaler)).isZero();
        assertThat(ranges.firstImplausible(new double[] {Double.NaN}, scaler)).isZero();
    }

    private static double[][] idle() {
        double[][] rows = new double[30][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {2.0 + (i % 4) * 0.03};
        }
        return rows;
    }
}
