package dev.anomaly.alerting.silence;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The silences known so far, by id: filled by whoever reads the silences topic, asked by the alert loop. Safe
 * for one writer thread and any number of readers.
 */
public final class Silences {
    private final Map<String, Silence> byId = new ConcurrentHashMap<>();

    /** No silence, ever: for runs that do not read the topic (the demo, tests). */
    public static Silences none() {
        return new Silences();
    }

    /** A silence added or changed (expired), or removed (a tombstone: {@code silence} null). */
    public void put(String id, Silence silence) {
        if (silence == null) {
            byId.remove(id);
        } else {
            byId.put(id, silence);
        }
    }

    /** The silence that silences this host now, the one ending last if several do. */
    public Optional<Silence> silencing(String host, Instant now) {
        return byId.values().stream().filter(silence -> silence.silences(host, now))
                .max(Comparator.comparing(Silence::endsAt));
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every silence, newest first. */
    public List<Silence> all() {
        return byId.values().stream().sorted(Comparator.comparing(Silence::createdAt).reversed()).toList();
    }
}
