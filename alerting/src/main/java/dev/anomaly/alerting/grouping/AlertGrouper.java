package dev.anomaly.alerting.grouping;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.time.HostTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns anomalies into the messages an on-call engineer wants: per host, anomalies within the group wait
 * become one message; while the episode goes on, groups closing within the repeat interval of the last
 * message are held back (and summarised by the next); a host quiet for the resolve interval gets a
 * resolved message.
 *
 * <p>A pure state machine with no clock of its own: the caller says what time it is for each host (event
 * time, see {@link HostTime}), so the same input always gives the same messages, whether the stream is
 * live, replayed or accelerated. The next decision due is found in logarithmic time, whatever the number of
 * hosts. Not thread-safe.
 */
public final class AlertGrouper {
    private static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::host);

    private final GroupingPolicy policy;
    private final Map<String, HostEpisode> episodes = new HashMap<>();
    /** Each episode's next decision, earliest first; ties go to the host name, so the order is reproducible. */
    private final TreeSet<Due> dues = new TreeSet<>(ORDER);
    private final Map<String, Due> dueOf = new HashMap<>();

    public AlertGrouper(GroupingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Takes an anomaly: first whatever became due up to now, then the anomaly joins its host's open group
     * (or opens one).
     */
    public Decisions offer(Anomaly anomaly, SourcePosition position, HostTime time) {
        Decisions.Builder out = new Decisions.Builder();
        advance(time, out);
        if (anomaly.severity().compareTo(policy.minSeverity()) < 0) {
            out.filtered(position);
        } else {
            String host = anomaly.host();
            HostEpisode episode = episodes.computeIfAbsent(host, h -> new HostEpisode(h, anomaly.anomalousSince()));
            episode.add(anomaly, position, time.now(host), policy.groupWait());
            reschedule(host, episode);
        }
        return out.build();
    }

    /** As {@link #offer(Anomaly, SourcePosition, HostTime)}, with one time for every host. */
    public Decisions offer(Anomaly anomaly, SourcePosition position, Instant at) {
        return offer(anomaly, position, HostTime.uniform(at));
    }

    /** Time moved on: closes the groups and resolves the episodes that became due, in time order. */
    public Decisions advance(HostTime time) {
        Decisions.Builder out = new Decisions.Builder();
        advance(time, out);
        return out.build();
    }

    /** As {@link #advance(HostTime)}, with one time for every host. */
    public Decisions advance(Instant at) {
        return advance(HostTime.uniform(at));
    }

    /**
     * Drops the unreported anomalies read from a partition this member no longer owns: its new owner
     * reports them, and if the partition comes back they are read again.
     */
    public void forget(int partition) {
        for (String host : java.util.List.copyOf(episodes.keySet())) {
            HostEpisode episode = episodes.get(host);
            if (episode.forget(partition)) {
                episodes.remove(host);
                unschedule(host);
            } else {
                reschedule(host, episode);
            }
        }
    }

    /** Whether no group is open and every episode is resolved. */
    public boolean isIdle() {
        return episodes.isEmpty();
    }

    /** Hosts with an open group or an unresolved episode. */
    public int openEpisodes() {
        return episodes.size();
    }

    private void advance(HostTime time, Decisions.Builder out) {
        while (true) {
            String host = nextDueHost(time);
            if (host == null) {
                return;
            }
            HostEpisode episode = episodes.get(host);
            if (episode.decide(policy, out)) {
                episodes.remove(host);
                unschedule(host);
            } else {
                reschedule(host, episode);
            }
        }
    }

    /**
     * The host whose decision is due first. Every host but the one that may be ahead shares the stream's
     * time, so if the earliest decision is not due, none of theirs is; the host ahead is checked on its own.
     */
    private String nextDueHost(HostTime time) {
        if (dues.isEmpty()) {
            return null;
        }
        Due first = dues.first();
        if (!first.at().isAfter(time.now(first.host()))) {
            return first.host();
        }
        Optional<String> ahead = time.ahead();
        if (ahead.isPresent()) {
            Due own = dueOf.get(ahead.get());
            if (own != null && !own.at().isAfter(time.now(own.host()))) {
                return own.host();
            }
        }
        return null;
    }

    private void reschedule(String host, HostEpisode episode) {
        unschedule(host);
        episode.nextDue(policy).ifPresent(at -> {
            Due due = new Due(at, host);
            dues.add(due);
            dueOf.put(host, due);
        });
    }

    private void unschedule(String host) {
        Due old = dueOf.remove(host);
        if (old != null) {
            dues.remove(old);
        }
    }

    /** When a host's episode next needs a decision. */
    private record Due(Instant at, String host) {
    }
}
