package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {
    @Test
    void aGroupNameSkipsEveryMeasurementOfTheGroup() {
        assertThat(Measurement.parse(List.of("detect", "train")))
                .containsExactlyInAnyOrder(Measurement.DETECT_EOS, Measurement.DETECT_ALO,
                        Measurement.DETECT_ISOLATION_FOREST, Measurement.DETECT_RANDOM_CUT_FOREST, Measurement.TRAIN);
    }

    @Test
    void eachModelFamilyHasItsOwnDetectMeasurement() {
        assertThat(Measurement.parse(List.of("detect-random-cut-forest")))
                .containsExactly(Measurement.DETECT_RANDOM_CUT_FOREST);
        assertThat(Measurement.DETECT_ISOLATION_FOREST.family().id()).isEqualTo("isolation-forest");
        assertThat(Measurement.DETECT_EOS.family().id()).isEqualTo("autoencoder");
    }

    @Test
    void anIdSkipsOneMeasurement() {
        assertThat(Measurement.parse(List.of(" passthrough-alo ", ""))).containsExactly(Measurement.PASSTHROUGH_ALO);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Measurement.parse(List.of("rss")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown measurement 'rss'")
                .hasMessageContaining("per-record");
    }
}
