package dev.anomaly.evaluator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.anomaly.common.event.HostField;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonReaderTest {
    private static final long T0 = Instant.parse("2026-01-01T00:02:00Z").toEpochMilli();
    private static final long NO_RECORD_TIME = -1;

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
    void readsTheHostAsDetectDoesKeyFirstThenTheHostFieldThenTheDefaultSeries() {
        String nested = "{\"timestamp\":\"2026-01-01T00:02:00Z\",\"tags\":{\"host\":\"db-3\",\"dc\":\"x\"}}";

        assertThat(read("db-2", "{\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"web-1\"}").key().host())
                .isEqualTo("db-2");
        assertThat(EventJsonReader.read(null, bytes(nested), NO_RECORD_TIME, HostField.of("tags.host")).key())
                .isEqualTo(new EventKey("db-3", T0));
        assertThat(read(null, nested).key().host()).isEqualTo(HostField.DEFAULT_SERIES);
        assertThat(read(null, "{\"timestamp\":\"2026-01-01T00:02:00Z\"}").key().host())
                .isEqualTo(HostField.DEFAULT_SERIES);
    }

    @Test
    void takesTheRecordTimeWhenTheValueHasNoTimestamp() {
        EventFields fields = EventJsonReader.read(null, bytes("{\"host\":\"a\"}"), T0, HostField.DEFAULT);

        assertThat(fields.key()).isEqualTo(new EventKey("a", T0));
    }

    @Test
    void rejectsRecordsThatAreNotEventsOrHaveAnUnreadableTimestamp() {
        assertThatIllegalArgumentException().isThrownBy(() -> read(null, "not json")).withMessageStartingWith("not JSON");
        assertThatIllegalArgumentException().isThrownBy(() -> read(null, "[1,2]")).withMessage("not a JSON object");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read(null, "{\"host\":\"a\",\"timestamp\":\"yesterday\"}"))
                .withMessageContaining("is not a timestamp");
    }

    private static EventFields read(String key, String value) {
        return EventJsonReader.read(key == null ? null : bytes(key), bytes(value), NO_RECORD_TIME, HostField.DEFAULT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
