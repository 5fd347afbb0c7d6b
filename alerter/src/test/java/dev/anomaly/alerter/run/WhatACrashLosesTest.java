package dev.anomaly.alerter.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.alerter.testing.Anomalies;
import dev.anomaly.common.event.Severity;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.alerting.grouping.Decisions;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.alerting.grouping.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins down the one thing a crash may lose, as the README says: anomalies held back by the repeat interval
 * are committed without a message of their own, so after a restart the next message does not count them.
 * No anomaly goes unreported (the first message reported the episode); only that count is gone.
 */
class WhatACrashLosesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final GroupingPolicy POLICY = new GroupingPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Severity.MEDIUM);

    @Test
    void heldBackAnomaliesAreCommittedAndARestartDoesNotCountThemAgain() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.assigned(0, Optional.empty());
        AlertGrouper grouper = new AlertGrouper(POLICY);
        List<Notification> sent = new ArrayList<>();
        offer(grouper, ledger, sent, 0, T0);
        offer(grouper, ledger, sent, 1, T0.plusSeconds(40));
        offer(grouper, ledger, sent, 2, T0.plusSeconds(45));
        apply(grouper.advance(T0.plusSeconds(80)), ledger, sent);
        Map<Integer, CommitPoint> committed = ledger.dueCommits();

        // The alerter crashes; a new one starts from what was committed and reads on.
        OffsetLedger restarted = new OffsetLedger();
        restarted.assigned(0, Optional.of(committed.get(0)));
        AlertGrouper fresh = new AlertGrouper(POLICY);
        List<Notification> afterRestart = new ArrayList<>();
        offer(fresh, restarted, afterRestart, 3, T0.plusSeconds(400));
        apply(fresh.advance(T0.plusSeconds(440)), restarted, afterRestart);

        assertThat(sent).extracting(Notification::kind).containsExactly(Notification.Kind.FIRING);
        assertThat(committed.get(0).offset()).as("the held-back anomalies are committed").isEqualTo(3);
        assertThat(afterRestart).singleElement().satisfies(message -> {
            assertThat(message.kind()).isEqualTo(Notification.Kind.FIRING);
            assertThat(message.tally().count()).as("the two held back are not counted").isEqualTo(1);
            assertThat(message.heldBack()).isEmpty();
        });
    }

    private static void offer(AlertGrouper grouper, OffsetLedger ledger, List<Notification> sent, long offset,
                              Instant at) {
        SourcePosition position = new SourcePosition(0, offset);
        ledger.consumed(position);
        apply(grouper.offer(Anomalies.anomaly("web-1", at, 1.5), position, at), ledger, sent);
    }

    /** As the alert loop does: what needs no message is covered at once, a message once Slack accepted it. */
    private static void apply(Decisions decisions, OffsetLedger ledger, List<Notification> sent) {
        decisions.covered().forEach(ledger::covered);
        for (Notification notification : decisions.notifications()) {
            sent.add(notification);
            notification.covers().forEach(ledger::covered);
        }
    }
}
