package dev.anomaly.alerter.grouping;

import dev.anomaly.alerter.event.Anomaly;
import dev.anomaly.alerter.event.SourcePosition;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns anomalies into the messages an on-call engineer wants: per host, anomalies within the group wait
 * become one message; while the episode goes on, groups closing within the repeat interval of the last
 * message are held back (and summarised by the next); a host quiet for the resolve interval gets a
 * resolved message.
 *
 * <p>A pure state machine with no clock of its own: the caller says what time it is (event time), so the
 * same input always gives the same messages, whether the stream is live, replayed or accelerated.
 * Not thread-safe.
 */
public final class AlertGrouper {
    private final GroupingPolicy policy;
    private final Map<String, HostEpisode> episodes = new HashMap<>();
    private Instant now = Instant.MIN;

    public AlertGrouper(GroupingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Takes an anomaly at event time {@code at}: first whatever became due up to then, then the anomaly
     * joins its host's open group (or opens one).
     */
    public Decisions offer(Anomaly anomaly, SourcePosition position, Instant at) {
        Decisions.Builder out = new Decisions.Builder();
        advance(at, out);
        if (anomaly.severity().compareTo(policy.minSeverity()) < 0) {
            out.filtered(position);
        } else {
            episodes.computeIfAbsent(anomaly.host(), host -> new HostEpisode(host, anomaly.timestamp()))
                    .add(anomaly, position, now, policy.groupWait());
        }
        return out.build();
    }

    /** Time moved on to {@code at}: closes the groups and resolves the episodes that became due, in time order. */
    public Decisions advance(Instant at) {
        Decisions.Builder out = new Decisions.Builder();
        advance(at, out);
        return out.build();
    }

    /**
     * Drops the unreported anomalies read from a partition this member no longer owns: its new owner
     * reports them, and if the partition comes back they are read again.
     */
    public void forget(int partition) {
        episodes.values().removeIf(episode -> episode.forget(partition));
    }

    /** Whether no group is open and every episode is resolved. */
    public boolean isIdle() {
        return episodes.isEmpty();
    }

    private void advance(Instant at, Decisions.Builder out) {
        if (at.isAfter(now)) {
            now = at;
        }
        while (true) {
            Optional<Map.Entry<String, Instant>> due = nextDue();
            if (due.isEmpty() || due.get().getValue().isAfter(now)) {
                return;
            }
            String host = due.get().getKey();
            if (episodes.get(host).decide(policy, out)) {
                episodes.remove(host);
            }
        }
    }

    /** The earliest decision any host needs; ties go to the host name, so the order is reproducible. */
    private Optional<Map.Entry<String, Instant>> nextDue() {
        Map.Entry<String, Instant> earliest = null;
        for (Map.Entry<String, HostEpisode> entry : episodes.entrySet()) {
            Optional<Instant> due = entry.getValue().nextDue(policy);
            if (due.isPresent() && (earliest == null || due.get().isBefore(earliest.getValue())
                    || due.get().equals(earliest.getValue()) && entry.getKey().compareTo(earliest.getKey()) < 0)) {
                earliest = Map.entry(entry.getKey(), due.get());
            }
        }
        return Optional.ofNullable(earliest);
    }
}
