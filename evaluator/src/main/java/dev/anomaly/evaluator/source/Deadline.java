package dev.anomaly.evaluator.source;

import java.time.Duration;

/** One time budget (--timeout) for everything the evaluation asks of Kafka. */
final class Deadline {
    private static final Duration LONGEST_POLL = Duration.ofMillis(500);
    /** Kafka calls with a zero timeout fail at once even with the answer at hand; give them a moment. */
    private static final Duration SHORTEST_CALL = Duration.ofMillis(100);

    private final Duration timeout;
    private final long endNanos;

    Deadline(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    Duration timeout() {
        return timeout;
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** What is left, for blocking Kafka calls. */
    Duration remaining() {
        Duration left = Duration.ofNanos(endNanos - System.nanoTime());
        return left.compareTo(SHORTEST_CALL) < 0 ? SHORTEST_CALL : left;
    }

    /** How long the next poll may wait: short, so progress towards the end offsets is checked often. */
    Duration nextPoll() {
        Duration left = remaining();
        return left.compareTo(LONGEST_POLL) < 0 ? left : LONGEST_POLL;
    }
}
