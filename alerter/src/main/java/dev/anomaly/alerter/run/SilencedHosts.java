package dev.anomaly.alerter.run;

import dev.anomaly.alerting.silence.Silence;
import dev.anomaly.alerting.grouping.Notification;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What silences kept from each host's messages since its last message went out: the host's next message says
 * so, so that on-call people learn what happened while they were not told. Kept in memory: a restart forgets
 * it (the anomalies themselves are committed as reported).
 */
final class SilencedHosts {
    private final Map<String, Held> byHost = new HashMap<>();
    /** Episodes whose first message a silence kept: their resolve has no thread to close, and is kept too. */
    private final Set<String> episodesNotStarted = new HashSet<>();

    private record Held(int messages, int anomalies, Silence silence) {
    }

    /**
     * Whether a silence in force keeps this notification. A resolve still goes out when its episode's first
     * message did (so the thread in Slack is closed); a repeat of a silenced episode is kept.
     */
    boolean keeps(Notification notification) {
        return notification.kind() != Notification.Kind.RESOLVED
                || episodesNotStarted.contains(notification.episodeKey());
    }

    /**
     * Counts a notification the silence kept.
     *
     * @return the anomalies it reported for the first time (a resolve's tally repeats the episode's)
     */
    int add(Notification notification, Silence silence) {
        int anomalies = notification.kind() == Notification.Kind.RESOLVED ? 0 : notification.tally().count();
        switch (notification.kind()) {
            case FIRING -> episodesNotStarted.add(notification.episodeKey());
            case RESOLVED -> episodesNotStarted.remove(notification.episodeKey());
            case REPEAT -> {
                // counted below
            }
        }
        byHost.merge(notification.host(), new Held(1, anomalies, silence),
                (before, now) -> new Held(before.messages() + 1, before.anomalies() + now.anomalies(), now.silence()));
        return anomalies;
    }

    /** The note for the host's next message, e.g. "3 messages (41 anomalies) were silenced by a1b2c3d4 (deploy)". */
    Optional<String> noteFor(String host) {
        Held held = byHost.get(host);
        if (held == null) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d %s (%d %s) silenced by %s (%s)", held.messages(),
                held.messages() == 1 ? "message" : "messages", held.anomalies(),
                held.anomalies() == 1 ? "anomaly" : "anomalies", held.silence().id(), held.silence().reason()));
    }

    /** The notification's message went out (with the host's note): start counting again. */
    void reported(Notification notification) {
        byHost.remove(notification.host());
        if (notification.kind() == Notification.Kind.RESOLVED) {
            episodesNotStarted.remove(notification.episodeKey());
        }
    }
}
