package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.detector.loop.Guarantee;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassThroughMainTest {
    @Test
    void theChildReadsTheSettingsTheBenchWrote() {
        PassThrough.Settings settings = new PassThrough.Settings("127.0.0.1:9", "in", "out", "group",
                Guarantee.AT_LEAST_ONCE, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(2));

        assertThat(PassThroughMain.parse(PassThroughMain.arguments(settings))).isEqualTo(settings);
    }

    @Test
    void aMissingOptionIsRefused() {
        assertThatThrownBy(() -> PassThroughMain.parse(List.of("--topic", "in")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing options");
    }
}
