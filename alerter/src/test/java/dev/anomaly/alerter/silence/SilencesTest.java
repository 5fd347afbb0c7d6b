package dev.anomaly.alerter.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SilencesTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aGlobMatchesTheWholeHostNameWithStarAndQuestionMark() {
        HostGlob db = new HostGlob("db-*");

        assertThat(db.matches("db-1")).isTrue();
        assertThat(db.matches("db-")).isTrue();
        assertThat(db.matches("old-db-1")).isFalse();
        assertThat(new HostGlob("web-?").matches("web-7")).isTrue();
        assertThat(new HostGlob("web-?").matches("web-17")).isFalse();
        assertThat(new HostGlob("a.b(c)+").matches("a.b(c)+")).as("regex characters are literal").isTrue();
        assertThat(new HostGlob("a.b").matches("axb")).isFalse();
    }

    @Test
    void aSilenceHoldsFromItsStartUntilItsEndForMatchingHostsOnly() {
        Silence silence = silence("s1", "db-*", NOW, Duration.ofHours(2));

        assertThat(silence.silences("db-1", NOW)).isTrue();
        assertThat(silence.silences("db-1", NOW.plus(Duration.ofHours(2)).minusMillis(1))).isTrue();
        assertThat(silence.silences("db-1", NOW.plus(Duration.ofHours(2)))).isFalse();
        assertThat(silence.silences("db-1", NOW.minusMillis(1))).isFalse();
        assertThat(silence.silences("web-1", NOW)).isFalse();
    }

    @Test
    void expiringEndsItNowAndAnEndedSilenceStaysAsItWas() {
        Silence silence = silence("s1", "db-*", NOW, Duration.ofHours(2));

        Silence expired = silence.expiredAt(NOW.plusSeconds(60));

        assertThat(expired.endsAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(expired.silences("db-1", NOW.plusSeconds(61))).isFalse();
        assertThat(expired.expiredAt(NOW.plusSeconds(120))).isEqualTo(expired);
    }

    @Test
    void theLatestStateOfEachSilenceCountsAndATombstoneRemovesIt() {
        Silences silences = new Silences();
        Silence silence = silence("s1", "db-*", NOW, Duration.ofHours(2));

        silences.put("s1", silence);
        assertThat(silences.silencing("db-1", NOW.plusSeconds(1))).contains(silence);
        silences.put("s1", silence.expiredAt(NOW.plusSeconds(10)));
        assertThat(silences.silencing("db-1", NOW.plusSeconds(11))).isEmpty();
        silences.put("s1", null);
        assertThat(silences.all()).isEmpty();
    }

    @Test
    void ofSeveralSilencesTheOneEndingLastIsNamed() {
        Silences silences = new Silences();
        silences.put("short", silence("short", "db-*", NOW, Duration.ofMinutes(5)));
        silences.put("long", silence("long", "db-1", NOW, Duration.ofHours(5)));

        assertThat(silences.silencing("db-1", NOW.plusSeconds(1))).map(Silence::id).contains("long");
    }

    @Test
    void aSilenceSurvivesItsJsonRoundTrip() {
        Silence silence = silence("a1b2c3d4", "db-*", NOW, Duration.ofHours(2));

        assertThat(SilenceJson.parse(SilenceJson.toBytes(silence))).isEqualTo(silence);
    }

    @Test
    void recordsThatAreNotSilencesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SilenceJson.parse(bytes("not json"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SilenceJson.parse(bytes("[]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> SilenceJson.parse(bytes("{\"id\":\"x\",\"hosts\":\"h\",\"starts_at\":\"soon\","
                + "\"ends_at\":\"2026-12-03T12:00:00Z\",\"created_at\":\"2026-12-03T12:00:00Z\"}")))
                .hasMessageContaining("'starts_at' is not an ISO-8601 time");
        assertThatThrownBy(() -> SilenceJson.parse(bytes("{\"id\":\"x\"}"))).hasMessageContaining("'hosts' missing");
    }

    private static Silence silence(String id, String hosts, Instant start, Duration length) {
        return new Silence(id, new HostGlob(hosts), start, start.plus(length), "deploy 4121", start);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
