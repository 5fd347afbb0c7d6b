package dev.anomaly.alerter.delivery;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps attempts to one channel at least {@code minInterval} apart, measured from the end of one attempt
 * to the start of the next: Slack has then seen at most one request per interval, whatever the network
 * delays.
 */
public final class Pacer {
    private final Duration minInterval;
    private final LongSupplier nanoTime;
    private long lastEnd;
    private boolean attempted;

    public Pacer(Duration minInterval, LongSupplier nanoTime) {
        this.minInterval = minInterval;
        this.nanoTime = nanoTime;
    }

    /** How long to wait before the next attempt may start. */
    public Duration untilNextAttempt() {
        if (!attempted) {
            return Duration.ZERO;
        }
        long wait = lastEnd + minInterval.toNanos() - nanoTime.getAsLong();
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    /** An attempt just ended (whatever its outcome). */
    public void attemptEnded() {
        lastEnd = nanoTime.getAsLong();
        attempted = true;
    }
}
