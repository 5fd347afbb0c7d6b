package dev.anomaly.alerter.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How delivery spaces and repeats its attempts.
 *
 * @param minInterval at least this long between the end of one attempt and the start of the next, retries
 *     included (Slack allows about one message per second per channel)
 * @param initialBackoff the first wait after a 5xx, a timeout or a connection error
 * @param maxBackoff the backoff doubles up to this
 */
public record RetryPolicy(Duration minInterval, Duration initialBackoff, Duration maxBackoff) {
    /** One message per second; backoff 1 s, 2 s, 4 s ... up to 30 s. */
    public static final RetryPolicy SLACK = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(30));

    public RetryPolicy {
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (minInterval.isNegative() || initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("minInterval must not be negative and initialBackoff must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be at least initialBackoff");
        }
    }

    /** The backoff after {@code current}: doubled, capped. */
    public Duration next(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
}
