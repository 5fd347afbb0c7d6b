package dev.anomaly.detector.loop;

import java.time.Duration;

/** Waits between attempts to reach Kafka again: doubling from the first wait up to a cap, reset on success. */
final class Backoff {
    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration CAP = Duration.ofSeconds(5);

    private Duration next = FIRST;

    /** The wait before the next attempt; the one after it is twice as long, up to the cap. */
    Duration next() {
        Duration current = next;
        next = next.multipliedBy(2).compareTo(CAP) > 0 ? CAP : next.multipliedBy(2);
        return current;
    }

    /** An attempt succeeded: the next failure starts from the first wait again. */
    void reset() {
        next = FIRST;
    }
}
