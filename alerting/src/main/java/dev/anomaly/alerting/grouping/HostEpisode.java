package dev.anomaly.alerting.grouping;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.time.Instants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One host's episode: from its first anomaly until it resolves. Mutable; owned by {@link AlertGrouper}. */
final class HostEpisode {
    private final String host;
    private final Instant start;
    private Instant lastAnomalyAt;
    private Instant lastMessageAt;
    private Tally episode;
    private Tally heldBack;
    private OpenGroup group;
    /** Where the episode's anomalies were read: it belongs to whoever owns them. */
    private final java.util.Set<Integer> partitions = new java.util.TreeSet<>();

    HostEpisode(String host, Instant start) {
        this.host = host;
        this.start = start;
        this.lastAnomalyAt = start;
    }

    /**
     * Adds an anomaly to the open group, opening one that closes {@code groupWait} after {@code now} (the
     * host's time when the anomaly arrived).
     */
    void add(Anomaly anomaly, SourcePosition position, Instant now, Duration groupWait) {
        if (group == null) {
            group = new OpenGroup(Instants.plus(now, groupWait));
        }
        group.add(anomaly, position);
        partitions.add(position.partition());
        episode = episode == null ? Tally.of(anomaly) : episode.plus(anomaly);
        // Quiet is measured from when the alerter learnt of the anomaly, in the host's time: a host whose clock
        // lags far behind would otherwise resolve right after every message.
        lastAnomalyAt = Instants.max(lastAnomalyAt, Instants.max(anomaly.timestamp(), now));
    }

    /** When this episode next needs a decision: its group closes, or it resolves. */
    Optional<Instant> nextDue(GroupingPolicy policy) {
        if (group != null) {
            return Optional.of(group.closesAt);
        }
        return lastMessageAt == null ? Optional.empty() : Optional.of(resolveAt(policy));
    }

    /**
     * Takes the decision that is due.
     *
     * @return true when the episode is over (resolved)
     */
    boolean decide(GroupingPolicy policy, Decisions.Builder out) {
        if (group != null) {
            closeGroup(policy, out);
            return false;
        }
        out.notify(new Notification(Notification.Kind.RESOLVED, host, start, resolveAt(policy), episode,
                Optional.empty(), List.of(), partitions));
        return true;
    }

    /**
     * A partition this member no longer owns: its unreported anomalies are its new owner's, which reads them
     * again from the last commit. An episode whose anomalies all came from partitions no longer owned is the
     * new owner's altogether (it may start it afresh): nothing of it stays here, not even its resolve.
     *
     * @return true when nothing is left of the episode
     */
    boolean forget(int partition) {
        partitions.remove(partition);
        if (group != null && group.forget(partition)) {
            group = null;
        }
        return partitions.isEmpty() || group == null && lastMessageAt == null;
    }

    private void closeGroup(GroupingPolicy policy, Decisions.Builder out) {
        Instant at = group.closesAt;
        if (lastMessageAt == null) {
            out.notify(new Notification(Notification.Kind.FIRING, host, start, at, group.tally, Optional.empty(),
                    group.positions, partitions));
            lastMessageAt = at;
        } else if (!Instants.plus(lastMessageAt, policy.repeatInterval()).isAfter(at)) {
            Tally sinceLastMessage = heldBack == null ? group.tally : heldBack.merge(group.tally);
            out.notify(new Notification(Notification.Kind.REPEAT, host, start, at, sinceLastMessage,
                    Optional.ofNullable(heldBack), group.positions, partitions));
            lastMessageAt = at;
            heldBack = null;
        } else {
            out.suppressed(group.positions);
            heldBack = heldBack == null ? group.tally : heldBack.merge(group.tally);
        }
        group = null;
    }

    private Instant resolveAt(GroupingPolicy policy) {
        Instant quiet = Instants.plus(lastAnomalyAt, policy.resolveAfter());
        // A resolve never comes before the message it follows.
        return quiet.isBefore(lastMessageAt) ? lastMessageAt : quiet;
    }

    /** The anomalies of one host collected for one message. */
    private static final class OpenGroup {
        private final Instant closesAt;
        private final List<Anomaly> anomalies = new ArrayList<>();
        private final List<SourcePosition> positions = new ArrayList<>();
        private Tally tally;

        OpenGroup(Instant closesAt) {
            this.closesAt = closesAt;
        }

        void add(Anomaly anomaly, SourcePosition position) {
            tally = tally == null ? Tally.of(anomaly) : tally.plus(anomaly);
            anomalies.add(anomaly);
            positions.add(position);
        }

        /** Removes the anomalies of a partition; true when the group is empty then. */
        boolean forget(int partition) {
            for (int i = positions.size() - 1; i >= 0; i--) {
                if (positions.get(i).partition() == partition) {
                    positions.remove(i);
                    anomalies.remove(i);
                }
            }
            tally = null;
            anomalies.forEach(anomaly -> tally = tally == null ? Tally.of(anomaly) : tally.plus(anomaly));
            return anomalies.isEmpty();
        }
    }
}
