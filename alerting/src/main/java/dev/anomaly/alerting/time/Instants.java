package dev.anomaly.alerting.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Instant arithmetic that saturates at {@link Instant#MIN} and {@link Instant#MAX} instead of throwing: a
 * timestamp near the end of time (a host's clock gone mad) must not crash the alerter on every restart.
 */
public final class Instants {
    private Instants() {
    }

    /** {@code instant + duration}, or the end of time it would pass. */
    public static Instant plus(Instant instant, Duration duration) {
        try {
            return instant.plus(duration);
        } catch (DateTimeException | ArithmeticException overflow) {
            return duration.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    /** Epoch milliseconds; every Instant has them (Instant.MAX is about 3.2e16 ms). */
    public static long epochMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException overflow) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
    }

    /** The later of two instants. */
    public static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
