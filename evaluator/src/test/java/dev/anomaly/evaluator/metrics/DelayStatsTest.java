package dev.anomaly.evaluator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DelayStatsTest {
    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertThat(DelayStats.of(new double[] {9, 1, 2})).isEqualTo(new DelayStats(3, 4.0, 2.0, 9.0));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(DelayStats.of(new double[] {4, 0, 1, 3}).median()).isEqualTo(2.0);
    }

    @Test
    void noDelaysGiveNone() {
        assertThat(DelayStats.of(new double[0])).isEqualTo(DelayStats.NONE);
    }

    @Test
    void negativeDelaysAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DelayStats(1, -1, -1, -1));
    }
}
