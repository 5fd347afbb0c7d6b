package dev.anomaly.alerting.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.AnomalyJson;
import dev.anomaly.common.event.Severity;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.testing.AnomalyRecords;
import dev.anomaly.alerting.time.EventClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertGrouperTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final GroupingPolicy POLICY = new GroupingPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(2), Severity.MEDIUM);

    private final AlertGrouper grouper = new AlertGrouper(POLICY);
    private final List<Notification> sent = new ArrayList<>();
    private final List<SourcePosition> coveredWithoutMessage = new ArrayList<>();
    private int suppressed;
    private long offset;

    @Test
    void anomaliesOfOneHostWithinTheGroupWaitBecomeOneMessage() {
        for (int i = 0; i < 7; i++) {
            offer("web-1", T0.plusSeconds(i * 4), 1.5);
        }

        advance(T0.plusSeconds(30));

        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.kind()).isEqualTo(Notification.Kind.FIRING);
            assertThat(message.host()).isEqualTo("web-1");
            assertThat(message.tally().count()).isEqualTo(7);
            assertThat(message.covers()).hasSize(7);
        });
    }

    @Test
    void nothingIsSentBeforeTheGroupWaitIsOver() {
        offer("web-1", T0, 1.5);

        advance(T0.plusSeconds(29));

        assertThat(sent).isEmpty();
    }

    @Test
    void theMessageNamesTheWorstAnomaly() {
        offer("web-1", T0, 1.5);
        offer("web-1", T0.plusSeconds(5), 4.2);
        offer("web-1", T0.plusSeconds(10), 2.5);

        advance(T0.plusSeconds(30));

        Anomaly worst = sent.get(0).tally().worst();
        assertThat(worst.confidence()).isEqualTo(4.2);
        assertThat(worst.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void anEpisodeStartsWhenTheDetectorSaysItsHostBecameAnomalous() {
        // detect --for 3: the first anomaly that stands carries the time of the first of the three.
        String json = AnomalyRecords.json("web-1", T0, 2.5).replace("\"detected_at\"",
                "\"anomalous_since\":\"" + T0.minusSeconds(10) + "\",\"detected_at\"");
        record(grouper.offer(AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8)), new SourcePosition(0, offset++),
                T0));
        offer("web-2", T0, 2.5);

        advance(T0.plusSeconds(30));

        assertThat(sent).extracting(Notification::episodeStart).containsExactly(T0.minusSeconds(10), T0);
    }

    @Test
    void eachHostHasItsOwnGroup() {
        offer("web-1", T0, 1.5);
        offer("web-2", T0.plusSeconds(1), 1.5);
        offer("web-1", T0.plusSeconds(2), 1.5);

        advance(T0.plusSeconds(31));

        assertThat(sent).extracting(Notification::host).containsExactly("web-1", "web-2");
        assertThat(sent).extracting(message -> message.tally().count()).containsExactly(2, 1);
    }

    @Test
    void anAnomalyAfterTheGroupClosedIsNotInIt() {
        offer("web-1", T0, 1.5);

        offer("web-1", T0.plusSeconds(31), 1.5);

        assertThat(sent).singleElement().satisfies(message -> assertThat(message.tally().count()).isEqualTo(1));
    }

    @Test
    void groupsWithinTheRepeatIntervalAreHeldBackAndCoveredWithoutAMessage() {
        offer("web-1", T0, 1.5);
        advance(T0.plusSeconds(30));

        offer("web-1", T0.plusSeconds(60), 1.5);
        offer("web-1", T0.plusSeconds(70), 1.5);
        advance(T0.plusSeconds(95));

        assertThat(sent).hasSize(1);
        assertThat(suppressed).isEqualTo(1);
        assertThat(coveredWithoutMessage).hasSize(2);
    }

    @Test
    void theFirstGroupClosingAfterTheRepeatIntervalIsARepeatCountingWhatWasHeldBack() {
        // One anomaly a minute: groups close at 30 s (alert), 90, 150, 210, 270 (held back), 330 (repeat).
        for (int second = 0; second <= 300; second += 60) {
            offer("web-1", T0.plusSeconds(second), 1.5);
        }

        advance(T0.plusSeconds(330));

        assertThat(sent).extracting(Notification::kind)
                .containsExactly(Notification.Kind.FIRING, Notification.Kind.REPEAT);
        assertThat(suppressed).isEqualTo(4);
        Notification repeat = sent.get(1);
        assertThat(repeat.tally().count()).isEqualTo(5);
        assertThat(repeat.heldBack()).hasValueSatisfying(held -> assertThat(held.count()).isEqualTo(4));
        assertThat(repeat.covers()).hasSize(1);
        assertThat(repeat.episodeKey()).isEqualTo(sent.get(0).episodeKey());
    }

    @Test
    void aHostQuietForTheResolveIntervalIsResolved() {
        offer("web-1", T0, 1.5);
        offer("web-1", T0.plusSeconds(10), 2.5);

        advance(T0.plusSeconds(10 + 120));

        assertThat(sent).extracting(Notification::kind)
                .containsExactly(Notification.Kind.FIRING, Notification.Kind.RESOLVED);
        Notification resolved = sent.get(1);
        assertThat(resolved.at()).isEqualTo(T0.plusSeconds(130));
        assertThat(resolved.tally().count()).isEqualTo(2);
        assertThat(resolved.covers()).isEmpty();
        assertThat(grouper.isIdle()).isTrue();
    }

    @Test
    void aHostIsNotResolvedWhileAnomaliesKeepComing() {
        for (int second = 0; second <= 600; second += 60) {
            offer("web-1", T0.plusSeconds(second), 1.5);
        }

        advance(T0.plusSeconds(600 + 119));

        assertThat(sent).extracting(Notification::kind).doesNotContain(Notification.Kind.RESOLVED);
        assertThat(grouper.isIdle()).isFalse();
    }

    @Test
    void anAnomalyAfterTheResolveStartsANewEpisode() {
        offer("web-1", T0, 1.5);
        advance(T0.plusSeconds(120));

        offer("web-1", T0.plusSeconds(200), 1.5);
        advance(T0.plusSeconds(230));

        assertThat(sent).extracting(Notification::kind).containsExactly(Notification.Kind.FIRING,
                Notification.Kind.RESOLVED, Notification.Kind.FIRING);
        assertThat(sent.get(2).episodeKey()).isNotEqualTo(sent.get(0).episodeKey());
    }

    @Test
    void anomaliesBelowTheMinimumSeverityAreCoveredAndIgnored() {
        AlertGrouper highOnly = new AlertGrouper(new GroupingPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Severity.HIGH));

        Decisions decisions = highOnly.offer(AnomalyRecords.anomaly("web-1", T0, 1.5), new SourcePosition(0, 7), T0);

        assertThat(decisions.filtered()).isEqualTo(1);
        assertThat(decisions.covered()).containsExactly(new SourcePosition(0, 7));
        assertThat(highOnly.isIdle()).isTrue();
    }

    @Test
    void aZeroGroupWaitSendsEachAnomalyOnItsOwn() {
        AlertGrouper eager = new AlertGrouper(new GroupingPolicy(Duration.ZERO, Duration.ZERO,
                Duration.ofMinutes(2), Severity.MEDIUM));

        List<Notification> messages = new ArrayList<>();
        messages.addAll(eager.offer(AnomalyRecords.anomaly("web-1", T0, 1.5), new SourcePosition(0, 0), T0).notifications());
        messages.addAll(eager.offer(AnomalyRecords.anomaly("web-1", T0.plusSeconds(1), 1.5), new SourcePosition(0, 1),
                T0.plusSeconds(1)).notifications());
        messages.addAll(eager.advance(T0.plusSeconds(1)).notifications());

        assertThat(messages).extracting(Notification::kind)
                .containsExactly(Notification.Kind.FIRING, Notification.Kind.REPEAT);
    }

    @Test
    void forgettingAPartitionDropsItsUnreportedAnomalies() {
        grouper.offer(AnomalyRecords.anomaly("web-1", T0, 1.5), new SourcePosition(0, 0), T0);
        grouper.offer(AnomalyRecords.anomaly("web-1", T0.plusSeconds(1), 4.5), new SourcePosition(1, 0), T0.plusSeconds(1));
        grouper.offer(AnomalyRecords.anomaly("web-2", T0.plusSeconds(2), 1.5), new SourcePosition(1, 1), T0.plusSeconds(2));

        grouper.forget(1);
        advance(T0.plusSeconds(30));

        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.host()).isEqualTo("web-1");
            assertThat(message.covers()).containsExactly(new SourcePosition(0, 0));
            assertThat(message.tally().worst().confidence()).isEqualTo(1.5);
        });
    }

    @Test
    void aHostWhoseOnlyAnomaliesAreForgottenIsIdle() {
        grouper.offer(AnomalyRecords.anomaly("web-2", T0, 1.5), new SourcePosition(1, 0), T0);

        grouper.forget(1);

        assertThat(grouper.isIdle()).isTrue();
    }

    @Test
    void theSameInputGivesTheSameMessagesInTheSameOrder() {
        List<String> first = replay();
        List<String> second = replay();

        assertThat(first).isEqualTo(second).isNotEmpty();
    }

    private List<String> replay() {
        AlertGrouper fresh = new AlertGrouper(POLICY);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String host = "web-" + (i % 3 + 1);
            Instant at = T0.plusMillis(i * 50L);
            fresh.offer(AnomalyRecords.anomaly(host, at, 1.1 + i % 7), new SourcePosition(0, i), at).notifications()
                    .forEach(message -> result.add(message.kind() + " " + message.host() + " " + message.tally().count()));
        }
        fresh.advance(T0.plusSeconds(600)).notifications()
                .forEach(message -> result.add(message.kind() + " " + message.host() + " " + message.tally().count()));
        return result;
    }

    @Test
    void oneHostWithAClockFarAheadResolvesNobodyElse() {
        EventClock clock = new EventClock(() -> 0L);
        AlertGrouper skewTolerant = new AlertGrouper(new GroupingPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Severity.MEDIUM));
        List<Notification> messages = new ArrayList<>();
        for (int second = 0; second <= 60; second += 5) {
            Instant at = T0.plusSeconds(second);
            clock.observe("web-1", at);
            messages.addAll(skewTolerant.offer(AnomalyRecords.anomaly("web-1", at, 1.5), new SourcePosition(0, second),
                    clock).notifications());
            clock.observe("web-2", at);
            messages.addAll(skewTolerant.advance(clock).notifications());
            if (second == 10) {
                Instant future = Instant.parse("3000-01-01T00:00:00Z");
                clock.observe("skewed", future);
                messages.addAll(skewTolerant.offer(AnomalyRecords.anomaly("skewed", future, 1.5), new SourcePosition(0, 999),
                        clock).notifications());
            }
        }

        assertThat(messages).extracting(Notification::host, Notification::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web-1", Notification.Kind.FIRING));
    }

    @Test
    void timestampsAtTheEndsOfTimeAreGroupedWithoutOverflow() {
        offer("far", Instant.MAX, 1.5);
        offer("early", Instant.MIN, 1.5);

        advance(Instant.MAX);

        assertThat(sent).extracting(Notification::host).contains("far", "early");
    }

    @Test
    void findsTheNextDecisionAmongManyHostsInTimeOrder() {
        for (int i = 0; i < 20_000; i++) {
            offer("host-" + i, T0.plusMillis(i), 1.5);
        }

        advance(T0.plusSeconds(30).plusMillis(19_999));

        assertThat(sent).hasSize(20_000);
        assertThat(sent).extracting(Notification::at).isSorted();
    }

    private void offer(String host, Instant at, double confidence) {
        record(grouper.offer(AnomalyRecords.anomaly(host, at, confidence), new SourcePosition(0, offset++), at));
    }

    private void advance(Instant to) {
        record(grouper.advance(to));
    }

    private void record(Decisions decisions) {
        sent.addAll(decisions.notifications());
        coveredWithoutMessage.addAll(decisions.covered());
        suppressed += decisions.groupsSuppressed();
    }
}
