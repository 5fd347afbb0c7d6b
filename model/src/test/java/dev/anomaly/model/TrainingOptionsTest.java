package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingOptionsTest {
    private final TrainingOptions auto = new TrainingOptions(50, TrainingOptions.AUTO_BATCH, 10, 0.001, 0, 1);

    @Test
    void autoBatchesStartAtTheTutorialsSizeForSmallSets() {
        assertThat(auto.effectiveBatchSize(216)).isEqualTo(32);
        assertThat(auto.effectiveBatchSize(3600)).isEqualTo(32);
    }

    @Test
    void autoBatchesGiveEverySetAHundredToTwoHundredStepsPerEpoch() {
        assertThat(auto.effectiveBatchSize(10_000)).isEqualTo(64);
        assertThat(auto.effectiveBatchSize(25_600)).isEqualTo(256);
        assertThat(auto.effectiveBatchSize(72_000)).isEqualTo(512);
        assertThat(auto.effectiveBatchSize(10_000_000)).isEqualTo(4096);
    }

    @Test
    void anExplicitBatchSizeIsKept() {
        assertThat(new TrainingOptions(50, 32, 10, 0.001, 0, 1).effectiveBatchSize(100_000)).isEqualTo(32);
    }
}
