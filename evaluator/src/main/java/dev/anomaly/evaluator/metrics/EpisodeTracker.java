package dev.anomaly.evaluator.metrics;

import java.util.Arrays;

/**
 * The events seen so far of one injected episode. Timestamps are kept (an episode is a handful of events)
 * so that the delay is measured in time order even when events arrive out of order.
 */
final class EpisodeTracker {
    private static final long NOT_FLAGGED = Long.MAX_VALUE;

    private final String type;
    private long[] times = new long[8];
    private int count;
    private long firstMillis = Long.MAX_VALUE;
    private long firstFlaggedMillis = NOT_FLAGGED;

    EpisodeTracker(String type) {
        this.type = type;
    }

    void add(long epochMillis, boolean flagged) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
        }
        times[count++] = epochMillis;
        firstMillis = Math.min(firstMillis, epochMillis);
        if (flagged) {
            firstFlaggedMillis = Math.min(firstFlaggedMillis, epochMillis);
        }
    }

    String type() {
        return type;
    }

    boolean detected() {
        return firstFlaggedMillis != NOT_FLAGGED;
    }

    /** How many of the episode's events came before its first flagged one. */
    int delayEvents() {
        int earlier = 0;
        for (int i = 0; i < count; i++) {
            if (times[i] < firstFlaggedMillis) {
                earlier++;
            }
        }
        return earlier;
    }

    /** Simulated seconds from the episode's first event to its first flagged one. */
    double delaySeconds() {
        return (firstFlaggedMillis - firstMillis) / 1000.0;
    }
}
