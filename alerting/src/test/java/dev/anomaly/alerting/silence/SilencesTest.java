package dev.anomaly.alerting.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.common.event.HostGlob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    void aPatternThatWouldBacktrackForEverMatchesInLinearTime() {
        // A backtracking regular expression would take about C(10000, 11) steps here, never returning.
        HostGlob hostile = new HostGlob("*?*?*?*?*?*?*?*?*?*?*?z");

        boolean matched = hostile.matches("a".repeat(10_000));

        assertThat(matched).isFalse();
        assertThat(new HostGlob("*a*b*c").matches("xxaxxbxxc")).isTrue();
        assertThat(new HostGlob("*a*b*c").matches("xxaxxbxxcx")).isFalse();
        assertThat(new HostGlob("*?*?z").matches("abz")).isTrue();
    }

    @Test
    void aPatternLongerThanAHostPatternIsRefused() {
        assertThatThrownBy(() -> new HostGlob("x".repeat(HostGlob.MAX_LENGTH + 1)))
                .hasMessageContaining("at most " + HostGlob.MAX_LENGTH);
    }

    @Test
    void aRecordWhoseIdIsNotItsKeyIsSkippedAndATombstoneRemovesByKey() {
        Silences silences = new Silences();
        Silence silence = silence("a1", "db-*", NOW, Duration.ofHours(1));

        boolean mismatched = SilenceTopic.apply(record("other", SilenceJson.toBytes(silence)), silences);
        boolean matched = SilenceTopic.apply(record("a1", SilenceJson.toBytes(silence)), silences);

        assertThat(mismatched).isFalse();
        assertThat(matched).isTrue();
        assertThat(silences.get("a1")).contains(silence);
        assertThat(SilenceTopic.apply(record("a1", null), silences)).isTrue();
        assertThat(silences.all()).isEmpty();
        assertThat(SilenceTopic.apply(record("a2", bytes("{not json")), silences)).isFalse();
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(SilenceTopic.DEFAULT, 0, 0L, bytes(key), value);
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
