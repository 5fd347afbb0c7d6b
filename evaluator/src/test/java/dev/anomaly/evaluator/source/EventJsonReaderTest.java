package dev.anomaly.evaluator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonReaderTest {
    private static final long T0 = Instant.parse("2026-01-01T00:02:00Z").toEpochMilli();

    @Test
    void readsTheGroundTruthOfAGeneratorEvent() {
        // given
        String event = "{\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"web-1\",\"cpu_usage\":71.32,"
                + "\"memory_usage\":51.9,\"response_time_ms\":128.44,\"disk_io_mb\":45.05,\"network_io_mb\":97.61,"
                + "\"label\":\"cpu_spike\",\"episode\":\"web-1-e0\"}";

        // when
        EventFields fields = read(null, event);

        // then
        assertThat(fields).isEqualTo(new EventFields(new EventKey("web-1", T0), "cpu_spike", "web-1-e0", null));
    }

    @Test
    void readsTheVerdictOfAFlaggedEventAndSkipsNestedFields() {
        // given
        String flagged = "{\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"web-1\",\"label\":null,"
                + "\"episode\":null,\"error\":0.9,\"contributions\":[{\"feature\":\"label\",\"share\":1.0}],"
                + "\"is_anomaly\":true,\"severity\":\"HIGH\"}";

        // when
        EventFields fields = read(null, flagged);

        // then
        assertThat(fields).isEqualTo(new EventFields(new EventKey("web-1", T0), null, null, true));
    }

    @Test
    void takesTheHostFromTheKeyWhenTheValueHasNone() {
        // when
        EventFields fields = read("db-2", "{\"timestamp\":\"2026-01-01T00:02:00Z\"}");

        // then
        assertThat(fields.key()).isEqualTo(new EventKey("db-2", T0));
    }

    @Test
    void acceptsLabelsItDoesNotKnow() {
        // when
        EventFields fields = read(null, "{\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"a\",\"label\":\"disk_full\"}");

        // then
        assertThat(fields.label()).isEqualTo("disk_full");
    }

    @Test
    void rejectsRecordsThatAreNotEventsWithHostAndTime() {
        assertThatIllegalArgumentException().isThrownBy(() -> read(null, "not json")).withMessageStartingWith("not JSON");
        assertThatIllegalArgumentException().isThrownBy(() -> read(null, "[1,2]")).withMessage("not a JSON object");
        assertThatIllegalArgumentException().isThrownBy(() -> read(null, "{\"host\":\"a\"}"))
                .withMessage("no timestamp field");
        assertThatIllegalArgumentException().isThrownBy(() -> read(null, "{\"timestamp\":\"2026-01-01T00:00:00Z\"}"))
                .withMessage("no host field and no key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read(null, "{\"host\":\"a\",\"timestamp\":\"yesterday\"}"))
                .withMessageContaining("is not a timestamp");
    }

    private static EventFields read(String key, String value) {
        return EventJsonReader.read(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
