package dev.anomaly.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AnomalyJsonTest {
    private static final String CONTRACT_EXAMPLE = "{\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"web-1\","
            + "\"cpu_usage\":87.5,\"memory_usage\":44.25,\"response_time_ms\":131.0,\"disk_io_mb\":50.12,"
            + "\"network_io_mb\":99.99,\"label\":\"cpu_spike\",\"episode\":\"web-1-e0\",\"error\":1.234,"
            + "\"threshold\":0.45,\"confidence\":2.74,\"severity\":\"HIGH\",\"contributions\":["
            + "{\"feature\":\"cpu_usage\",\"share\":0.91},{\"feature\":\"memory_usage\",\"share\":0.05},"
            + "{\"feature\":\"response_time_ms\",\"share\":0.02},{\"feature\":\"disk_io_mb\",\"share\":0.01},"
            + "{\"feature\":\"network_io_mb\",\"share\":0.01}],\"model_version\":\"20261122T101500Z-3f9a2c\","
            + "\"detected_at\":\"2026-11-22T10:15:03.123Z\"}";

    @Test
    void readsTheContractExample() {
        Anomaly anomaly = parse(CONTRACT_EXAMPLE);

        assertThat(anomaly.host()).isEqualTo("web-1");
        assertThat(anomaly.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:02:00Z"));
        assertThat(anomaly.severity()).isEqualTo(Severity.HIGH);
        assertThat(anomaly.confidence()).isEqualTo(2.74);
        assertThat(anomaly.error()).isEqualTo(1.234);
        assertThat(anomaly.threshold()).isEqualTo(0.45);
        assertThat(anomaly.modelVersion()).isEqualTo("20261122T101500Z-3f9a2c");
        assertThat(anomaly.features()).hasSize(5).first()
                .isEqualTo(new FeatureValue("cpu_usage", 0.91, OptionalDouble.of(87.5)));
    }

    @Test
    void readsWhatTheModelExpectedOfEachFeature() {
        Anomaly anomaly = parse(CONTRACT_EXAMPLE.replace(",\"model_version\"",
                ",\"expected\":{\"cpu_usage\":31.2,\"memory_usage\":\"n/a\",\"disk_io_mb\":1e400},\"model_version\""));

        assertThat(anomaly.features().get(0)).isEqualTo(new FeatureValue("cpu_usage", 0.91, OptionalDouble.of(87.5),
                OptionalDouble.of(31.2)));
        assertThat(anomaly.features()).filteredOn(feature -> !feature.feature().equals("cpu_usage"))
                .allSatisfy(feature -> assertThat(feature.expected()).isEmpty());
    }

    @Test
    void readsTheHostsTypicalRangesAndSkipsThoseThatAreNoRange() {
        Anomaly anomaly = parse(CONTRACT_EXAMPLE.replace(",\"model_version\"", ",\"typical\":{\"cpu_usage\":[18,44.5],"
                + "\"memory_usage\":[50,40],\"response_time_ms\":[1],\"disk_io_mb\":\"wide\"},\"model_version\""));

        assertThat(anomaly.features().get(0).typical()).contains(new TypicalRange(18, 44.5));
        assertThat(anomaly.features()).filteredOn(feature -> !feature.feature().equals("cpu_usage"))
                .allSatisfy(feature -> assertThat(feature.typical()).isEmpty());
    }

    @Test
    void showsTheFeaturesTheModelUsesWhateverTheyAre() {
        Anomaly anomaly = parse("{\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"db-1\",\"queue_depth\":420,"
                + "\"error\":3,\"threshold\":1,\"confidence\":3,\"severity\":\"HIGH\",\"contributions\":["
                + "{\"feature\":\"lock_waits\",\"share\":0.3},{\"feature\":\"queue_depth\",\"share\":0.7}]}");

        assertThat(anomaly.features()).containsExactly(
                new FeatureValue("queue_depth", 0.7, OptionalDouble.of(420)),
                new FeatureValue("lock_waits", 0.3, OptionalDouble.empty()));
        assertThat(anomaly.modelVersion()).isEqualTo("unknown");
    }

    @Test
    void groundTruthMayBeAbsentOrNull() {
        String withoutLabel = CONTRACT_EXAMPLE.replace("\"label\":\"cpu_spike\",\"episode\":\"web-1-e0\",", "");
        String withNullLabel = CONTRACT_EXAMPLE.replace("\"cpu_spike\"", "null").replace("\"web-1-e0\"", "null");

        assertThat(parse(withoutLabel)).isEqualTo(parse(CONTRACT_EXAMPLE));
        assertThat(parse(withNullLabel)).isEqualTo(parse(CONTRACT_EXAMPLE));
    }

    @Test
    void rejectsWhatIsNotAnAnomalyWithAShortReason() {
        assertRejected("not json at all", "not JSON");
        assertRejected("[1,2]", "not a JSON object");
        assertRejected(CONTRACT_EXAMPLE.replace("\"severity\":\"HIGH\"", "\"severity\":\"LOW\""), "neither HIGH nor MEDIUM");
        assertRejected(CONTRACT_EXAMPLE.replace("\"host\":\"web-1\",", ""), "missing field host");
        assertRejected(CONTRACT_EXAMPLE.replace("\"confidence\":2.74", "\"confidence\":\"high\""), "missing number confidence");
        assertRejected(CONTRACT_EXAMPLE.replace("2026-01-01T00:02:00Z", "yesterday"), "is not a timestamp");
    }

    @Test
    void rejectsATombstone() {
        assertThatThrownBy(() -> AnomalyJson.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tombstone");
    }

    private static void assertRejected(String json, String reason) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    private static Anomaly parse(String json) {
        return AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnomalyWithoutHostOrTimestampTakesTheRecordsKeyAndTime() {
        String json = CONTRACT_EXAMPLE.replace("\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"web-1\",", "");
        Instant recordTime = Instant.parse("2026-01-01T00:05:00Z");

        Anomaly anomaly = AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "db-7", recordTime);

        assertThat(anomaly.host()).isEqualTo("db-7");
        assertThat(anomaly.timestamp()).isEqualTo(recordTime);
    }

    @Test
    void withoutHostAndWithoutKeyItIsUnreadable() {
        String json = CONTRACT_EXAMPLE.replace("\"host\":\"web-1\",", "");

        assertThatThrownBy(() -> AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
    }
}
