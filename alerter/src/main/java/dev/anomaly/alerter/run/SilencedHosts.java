package dev.anomaly.alerter.run;

import dev.anomaly.alerter.grouping.Notification;
import dev.anomaly.alerter.silence.Silence;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What silences kept from each host's messages since its last message went out: the host's next message says
 * so, so that on-call people learn what happened while they were not told. Kept in memory: a restart forgets
 * it (the anomalies themselves are committed as reported).
 */
final class SilencedHosts {
    private final Map<String, Held> byHost = new HashMap<>();

    private record Held(int messages, int anomalies, Silence silence) {
    }

    void add(Notification notification, Silence silence) {
        byHost.merge(notification.host(), new Held(1, notification.tally().count(), silence),
                (before, now) -> new Held(before.messages() + 1, before.anomalies() + now.anomalies(), now.silence()));
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

    /** The host's message went out with its note: start counting again. */
    void reported(String host) {
        byHost.remove(host);
    }
}
