package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentileTest {
    @Test
    void interpolatesBetweenClosestRanksLikeNumpy() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i;
        }

        // numpy.percentile(range(1, 101), 95) == 95.05
        assertThat(Percentile.of(values, 95)).isCloseTo(95.05, within(1e-9));
        assertThat(Percentile.of(new double[] {4, 1, 3, 2}, 50)).isEqualTo(2.5);
        assertThat(Percentile.of(new double[] {4, 1, 3, 2}, 0)).isEqualTo(1);
        assertThat(Percentile.of(new double[] {4, 1, 3, 2}, 100)).isEqualTo(4);
        assertThat(Percentile.of(new double[] {7}, 95)).isEqualTo(7);
    }

    @Test
    void countsTheShareStrictlyAboveALimit() {
        assertThat(Percentile.shareAbove(new double[] {1, 2, 3, 4}, 2)).isEqualTo(0.5);
        assertThat(Percentile.shareAbove(new double[0], 2)).isZero();
    }

    @Test
    void rejectsNoValuesAndImpossiblePercentiles() {
        assertThatThrownBy(() -> Percentile.of(new double[0], 50)).hasMessage("no values");
        assertThatThrownBy(() -> Percentile.of(new double[] {1}, 101)).hasMessageContaining("0..100");
    }
}
