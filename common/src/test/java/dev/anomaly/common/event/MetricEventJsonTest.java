package dev.anomaly.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricEventJsonTest {
    private static final MetricEvent SPIKE = new MetricEvent(Instant.parse("2026-01-01T00:02:00Z"), "web-1",
            87.5, 44.25, 131.0, 50.12, 99.99, AnomalyType.CPU_SPIKE, "web-1-e0");

    @Test
    void writesTheSchemaFieldsInOrder() {
        String json = new String(MetricEventJson.toBytes(SPIKE), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"web-1\","
                + "\"cpu_usage\":87.5,\"memory_usage\":44.25,\"response_time_ms\":131.0,\"disk_io_mb\":50.12,"
                + "\"network_io_mb\":99.99,\"label\":\"cpu_spike\",\"episode\":\"web-1-e0\"}");
    }

    @Test
    void writesNullGroundTruthForNormalEvents() {
        MetricEvent normal = new MetricEvent(SPIKE.timestamp(), "web-2", 1, 2, 3, 4, 5, null, null);

        assertThat(new String(MetricEventJson.toBytes(normal), StandardCharsets.UTF_8))
                .endsWith("\"label\":null,\"episode\":null}");
    }

    @Test
    void roundTrips() {
        assertThat(MetricEventJson.fromBytes(MetricEventJson.toBytes(SPIKE))).isEqualTo(SPIKE);
    }

    @Test
    void rejectsWhatIsNotAnEvent() {
        assertThatThrownBy(() -> MetricEventJson.fromBytes("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not a JSON object");
        assertThatThrownBy(() -> MetricEventJson.fromBytes("{\"host\":\"a\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("missing field timestamp");
    }

    @Test
    void anEventNeedsFiniteMetricsAndMatchingGroundTruth() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new MetricEvent(now, "h", Double.NaN, 1, 1, 1, 1, null, null))
                .hasMessageContaining("cpu_usage must be a finite number");
        assertThatThrownBy(() -> new MetricEvent(now, "h", 1, 1, 1, 1, 1, AnomalyType.CPU_SPIKE, null))
                .hasMessageContaining("label and episode");
    }
}
