package dev.anomaly.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @CsvSource({
        "2026-01-01T00:00:05Z, 2026-01-01T00:00:05Z",
        "2026-01-01T00:00:05.250Z, 2026-01-01T00:00:05.250Z",
        "2026-01-01T02:00:05+02:00, 2026-01-01T00:00:05Z",
        "2026-01-01T00:00:05, 2026-01-01T00:00:05Z",
        "2026-01-01 00:00:05, 2026-01-01T00:00:05Z",
        "1767225605, 2026-01-01T00:00:05Z",
        "1767225605000, 2026-01-01T00:00:05Z",
        // Python: datetime.now().isoformat(), str(datetime.now()), str(datetime.now(timezone.utc)), time.time()
        "2026-01-01T00:00:05.123456, 2026-01-01T00:00:05.123456Z",
        "2026-01-01 00:00:05.123456, 2026-01-01T00:00:05.123456Z",
        "2026-01-01 02:00:05.5+02:00, 2026-01-01T00:00:05.5Z",
        "1767225605.25, 2026-01-01T00:00:05.250Z",
        "1.76722560525E9, 2026-01-01T00:00:05.250Z"})
    void readsTheRecordedForms(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:00:05Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z",
        "2026-11-22T10:15:03.1Z", "2026-11-22T10:15:03.123456789Z", "2100-03-01T12:00:00Z"})
    void theFastPathAgreesWithTheJdk(String text) {
        assertThat(Timestamps.parseUtcIso(text)).isEqualTo(Instant.parse(text).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00+01:00",
        "2026-01-01 00:00:00", "2026-01-01T00:00:00.Z", "1969-12-31T23:59:59Z"})
    void theFastPathLeavesEverythingElseToTheJdk(String text) {
        assertThat(Timestamps.parseUtcIso(text)).isEqualTo(Timestamps.NOT_FAST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-13-01 00:00:00", "01/01/2026", "2026-02-29T00:00:00Z", "1e400",
        "99999999999999999999", "1e19", "NaN"})
    void rejectsOthers(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
