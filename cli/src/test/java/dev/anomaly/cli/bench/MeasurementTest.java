package dev.anomaly.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {
    @Test
    void aGroupNameSkipsBothModes() {
        assertThat(Measurement.parse(List.of("detect", "train")))
                .containsExactlyInAnyOrder(Measurement.DETECT_EOS, Measurement.DETECT_ALO, Measurement.TRAIN);
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
