package dev.anomaly.alerter.run;

import dev.anomaly.alerting.event.SourcePosition;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tracks which consumed anomalies are reported (covered by a message Slack accepted, or handled without
 * one) and computes the offsets that are safe to commit: per partition, up to the first anomaly not yet
 * reported, with the reported ones above it in the commit metadata. A crash or an outage then loses
 * nothing, and a restart repeats nothing Slack accepted. Not thread-safe.
 */
public final class OffsetLedger {
    private final Map<Integer, PartitionLedger> partitions = new HashMap<>();
    private final Map<Integer, CommitPoint> committed = new HashMap<>();

    /**
     * A partition was assigned; what was committed for it (if anything) says which offsets above the
     * committed one a previous run already reported.
     *
     * @return how many offsets above the committed one were already reported
     */
    public long assigned(int partition, Optional<CommitPoint> committedPoint) {
        Optional<ReportedRange> restored = committedPoint.flatMap(
                point -> CommitMetadata.decode(point.offset(), point.metadata()));
        partitions.put(partition, new PartitionLedger(restored));
        committedPoint.ifPresentOrElse(point -> committed.put(partition, point), () -> committed.remove(partition));
        return restored.map(ReportedRange::reportedCount).orElse(0L);
    }

    /** A partition was revoked or lost: forget it. */
    public void forget(int partition) {
        partitions.remove(partition);
        committed.remove(partition);
    }

    /** Where this run stopped reading a partition it still tracks (one past the last record read). */
    public OptionalLong resumeOffset(int partition) {
        PartitionLedger ledger = partitions.get(partition);
        return ledger == null ? OptionalLong.empty() : ledger.end();
    }

    /** Whether a previous run already reported the anomaly at this position. */
    public boolean alreadyReported(SourcePosition position) {
        PartitionLedger ledger = partitions.get(position.partition());
        return ledger != null && ledger.alreadyReported(position.offset());
    }

    /** A record was read: it is pending until {@link #covered}. */
    public void consumed(SourcePosition position) {
        partitions.computeIfAbsent(position.partition(), partition -> new PartitionLedger(Optional.empty()))
                .consumed(position.offset());
    }

    /** A record is reported (or needs no message); positions of partitions no longer owned are ignored. */
    public void covered(SourcePosition position) {
        PartitionLedger ledger = partitions.get(position.partition());
        if (ledger != null) {
            ledger.covered(position.offset());
        }
    }

    /** Anomalies consumed and not yet reported, over all partitions. */
    public int pending() {
        return partitions.values().stream().mapToInt(PartitionLedger::pendingCount).sum();
    }

    /** The commit points that changed since they were last committed. */
    public Map<Integer, CommitPoint> dueCommits() {
        Map<Integer, CommitPoint> due = new HashMap<>();
        partitions.forEach((partition, ledger) -> ledger.commitPoint()
                .filter(point -> !Objects.equals(point, committed.get(partition)))
                .ifPresent(point -> due.put(partition, point)));
        return due;
    }

    /** These commit points are now stored in Kafka. */
    public void committed(Map<Integer, CommitPoint> points) {
        committed.putAll(points);
    }
}
