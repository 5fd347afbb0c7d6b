package dev.anomaly.alerting.grouping;

import dev.anomaly.common.event.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A summary of some anomalies of one host: how many, over which span of event time, and the worst.
 *
 * @param count how many anomalies
 * @param first the earliest event time
 * @param last the latest event time
 * @param worst the highest severity, then highest confidence
 */
public record Tally(int count, Instant first, Instant last, Anomaly worst) {
    public Tally {
        if (count < 1) {
            throw new IllegalArgumentException("a tally counts at least one anomaly, got " + count);
        }
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(worst, "worst");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last " + last + " is before first " + first);
        }
    }

    /** The tally of a single anomaly. */
    public static Tally of(Anomaly anomaly) {
        return new Tally(1, anomaly.timestamp(), anomaly.timestamp(), anomaly);
    }

    /** This tally with one more anomaly. */
    public Tally plus(Anomaly anomaly) {
        return merge(of(anomaly));
    }

    /** The tally of both sets of anomalies. */
    public Tally merge(Tally other) {
        return new Tally(count + other.count, min(first, other.first), max(last, other.last),
                other.worst.isWorseThan(worst) ? other.worst : worst);
    }

    /** The event time between the first and the last anomaly. */
    public Duration span() {
        return Duration.between(first, last);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
