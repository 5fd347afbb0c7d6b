package dev.anomaly.generator.run;

import java.time.Duration;

/**
 * When to stop; with neither limit the run goes on until Ctrl-C (or the end of a replayed file).
 *
 * @param count the number of records, or 0 for no limit
 * @param duration the span of simulated (or recorded) time, or null for no limit
 */
public record RunLimits(long count, Duration duration) {
    public RunLimits {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
    }

    public static RunLimits none() {
        return new RunLimits(0, null);
    }
}
