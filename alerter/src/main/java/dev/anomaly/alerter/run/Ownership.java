package dev.anomaly.alerter.run;

import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.common.console.Console;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions this member owns, since which rebalance, and the state that goes with them: a partition
 * revoked is committed one last time and forgotten (ledger and open groups: its new owner reads them from
 * the commit); a partition assigned starts from what was committed for it.
 */
final class Ownership implements ConsumerRebalanceListener {
    private final Consumer<String, byte[]> consumer;
    private final RunSettings settings;
    private final OffsetLedger ledger;
    private final AlertGrouper grouper;
    private final LedgerCommits commits;
    private final Console console;
    /** Partition → the generation it was assigned in. */
    private final Map<Integer, Long> owned = new HashMap<>();
    /** Owned partitions whose commit point could not be read yet: paused until it is. */
    private final java.util.Set<Integer> pending = new java.util.TreeSet<>();
    private long generation;

    Ownership(Consumer<String, byte[]> consumer, RunSettings settings, OffsetLedger ledger, AlertGrouper grouper,
              LedgerCommits commits, Console console) {
        this.consumer = consumer;
        this.settings = settings;
        this.ledger = ledger;
        this.grouper = grouper;
        this.commits = commits;
        this.console = console;
    }

    /** Counts rebalances that changed anything: work started before one must check ownership again. */
    long generation() {
        return generation;
    }

    boolean owns(int partition) {
        return owned.containsKey(partition);
    }

    /** Owned, and its commit point known: its records may be handled. */
    boolean ready(int partition) {
        return owned.containsKey(partition) && !pending.contains(partition);
    }

    /** Whether the partition is owned and has been since {@code since} (not revoked and assigned again). */
    boolean keptSince(int partition, long since) {
        Long assignedIn = owned.get(partition);
        return assignedIn != null && assignedIn <= since;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // Still ours while this runs: what Slack accepted is committed before the new owner starts.
        commits.commit();
        release(partitions);
        if (settings.verbose()) {
            console.info("Rebalance: partitions revoked " + partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // Not ours any more: nothing may be committed for them.
        release(partitions);
    }

    /** Forgets partitions and everything read from them: their new owner reads them from the last commit. */
    private void release(Collection<TopicPartition> partitions) {
        generation++;
        for (TopicPartition partition : partitions) {
            owned.remove(partition.partition());
            pending.remove(partition.partition());
            ledger.forget(partition.partition());
            grouper.forget(partition.partition());
        }
    }

    /**
     * New partitions: owned at once, handled once their commit point is read. Nothing here may throw (Kafka
     * has already assigned them): if the commit point cannot be read now, they stay paused and
     * {@link #restorePending()} tries again from the loop.
     */
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        generation++;
        for (TopicPartition partition : partitions) {
            owned.put(partition.partition(), generation);
            pending.add(partition.partition());
        }
        restorePending();
    }

    /** Reads the commit points of the partitions waiting for them; those it cannot read stay paused. */
    void restorePending() {
        if (pending.isEmpty()) {
            return;
        }
        java.util.Set<TopicPartition> waiting = new java.util.HashSet<>();
        pending.forEach(partition -> waiting.add(new TopicPartition(settings.topic(), partition)));
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = consumer.committed(waiting, settings.kafkaTimeout());
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            consumer.pause(waiting);
            throw e;
        } catch (org.apache.kafka.common.KafkaException e) {
            consumer.pause(waiting);
            commits.warn("cannot read the commit points of " + waiting + " yet (" + e.getMessage()
                    + "); they wait, paused");
            return;
        }
        for (TopicPartition partition : waiting) {
            Optional<CommitPoint> point = Optional.ofNullable(committed.get(partition))
                    .map(offset -> new CommitPoint(offset.offset(), offset.metadata() == null ? "" : offset.metadata()));
            long reported = ledger.assigned(partition.partition(), point);
            pending.remove(partition.partition());
            if (settings.verbose()) {
                console.info("Assigned " + partition + ", resuming at "
                        + point.map(p -> "offset " + p.offset()).orElse("the earliest offset")
                        + (reported > 0 ? "; " + reported + " anomalies above it were reported before" : ""));
            }
        }
        consumer.resume(waiting);
    }

    /** The partitions owned now. */
    List<Integer> partitions() {
        return List.copyOf(owned.keySet());
    }
}
