package dev.anomaly.alerter.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.Severity;
import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.common.console.Console;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class OwnershipTest {
    private static final TopicPartition P0 = new TopicPartition("anomalies", 0);

    private final StringWriter log = new StringWriter();
    private final RunSettings settings = new RunSettings("anomalies", false, Optional.empty(), Duration.ofSeconds(1),
            false);
    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void aPartitionWhoseCommitPointCannotBeReadWaitsPausedInsteadOfBeingSkipped() {
        FlakyCoordinator consumer = new FlakyCoordinator(1);
        consumer.assign(List.of(P0));
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(7)));
        Ownership ownership = ownership(consumer);

        ownership.onPartitionsAssigned(List.of(P0));

        assertThat(ownership.owns(0)).isTrue();
        assertThat(ownership.ready(0)).as("its records are not handled yet").isFalse();
        assertThat(consumer.paused()).containsExactly(P0);
        assertThat(log.toString()).contains("cannot read the commit points");

        ownership.restorePending();

        assertThat(ownership.ready(0)).isTrue();
        assertThat(consumer.paused()).isEmpty();
        assertThat(ledger.resumeOffset(0)).isEmpty();
        assertThat(ledger.dueCommits()).isEmpty();
    }

    @Test
    void aRevokedPartitionIsNeitherOwnedNorCommitted() {
        FlakyCoordinator consumer = new FlakyCoordinator(0);
        consumer.assign(List.of(P0));
        Ownership ownership = ownership(consumer);
        ownership.onPartitionsAssigned(List.of(P0));
        ledger.consumed(new dev.anomaly.alerting.event.SourcePosition(0, 0));
        ledger.covered(new dev.anomaly.alerting.event.SourcePosition(0, 0));

        ownership.onPartitionsRevoked(List.of(P0));

        assertThat(ownership.owns(0)).isFalse();
        assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).as("committed before it went").isEqualTo(1);
        assertThat(ledger.dueCommits()).isEmpty();
    }

    private Ownership ownership(MockConsumer<String, byte[]> consumer) {
        Console console = new Console(new PrintWriter(log, true), new PrintWriter(log, true), false, false);
        LedgerCommits commits = new LedgerCommits(consumer, settings, ledger, console);
        AlertGrouper grouper = new AlertGrouper(new GroupingPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Severity.MEDIUM));
        return new Ownership(consumer, settings, ledger, grouper, commits, console);
    }

    /** A consumer whose group coordinator does not answer the first {@code failures} offset fetches. */
    private static final class FlakyCoordinator extends MockConsumer<String, byte[]> {
        private int failures;

        FlakyCoordinator(int failures) {
            super("earliest");
            this.failures = failures;
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions,
                                                                            Duration timeout) {
            if (failures-- > 0) {
                throw new TimeoutException("the coordinator did not answer");
            }
            return super.committed(partitions, timeout);
        }
    }
}
