package dev.anomaly.alerting.grouping;

import dev.anomaly.alerting.event.SourcePosition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the grouping decided to send, and the anomalies it reports.
 *
 * @param kind first alert of an episode, a repeat, or the resolve
 * @param host the host
 * @param episodeStart event time of the episode's first anomaly; with the host it names the episode
 * @param at event time at which the message became due
 * @param tally the anomalies the message reports: the group (first), everything since the last message
 *     (repeat), or the whole episode (resolved)
 * @param heldBack for a repeat, the anomalies held back by the repeat interval since the last message
 *     (included in {@code tally})
 * @param covers positions of the anomalies that are reported once Slack accepts this message
 * @param partitions the partitions the episode's anomalies came from: only their owner may send it
 */
public record Notification(Kind kind, String host, Instant episodeStart, Instant at, Tally tally,
                           Optional<Tally> heldBack, List<SourcePosition> covers, java.util.Set<Integer> partitions) {
    /** What the message says about the episode. */
    public enum Kind {
        /** The first message of an episode: it starts the thread. */
        FIRING,
        /** The episode goes on: a follow-up in the thread. */
        REPEAT,
        /** No anomaly for the resolve interval: the last follow-up. */
        RESOLVED
    }

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(episodeStart, "episodeStart");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(heldBack, "heldBack");
        covers = List.copyOf(covers);
        java.util.Set<Integer> all = new java.util.TreeSet<>(partitions);
        covers.forEach(position -> all.add(position.partition()));
        partitions = java.util.Collections.unmodifiableSet(all);
    }

    /** A notification whose episode's anomalies all come from the partitions of what it covers. */
    public Notification(Kind kind, String host, Instant episodeStart, Instant at, Tally tally,
                        Optional<Tally> heldBack, List<SourcePosition> covers) {
        this(kind, host, episodeStart, at, tally, heldBack, covers, java.util.Set.of());
    }

    /** Names the episode, so that follow-ups find the thread of its first message. */
    public String episodeKey() {
        return host + "@" + episodeStart;
    }
}
