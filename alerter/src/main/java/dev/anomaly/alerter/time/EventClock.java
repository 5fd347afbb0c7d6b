package dev.anomaly.alerter.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The alerter's clock: event time, kept moving when the stream goes quiet.
 *
 * <p>It reads the newest event timestamp seen, plus the real time elapsed since that event was seen. In a
 * live deployment that is "now"; in an accelerated demo it runs as fast as the events, and still moves
 * in real time once they stop, so quiet hosts resolve. It never goes backwards.
 *
 * <p>While the alerter is behind the stream (a backlog after a restart, or a Slack outage that stops
 * consumption), {@link #freeze() freeze} it: unread records are not silence, and a host must not resolve
 * because the alerter stopped reading it. Not thread-safe.
 */
public final class EventClock {
    private final LongSupplier nanoTime;
    private Instant base;
    private long baseNanos;
    private boolean frozen;

    /** A clock on {@link System#nanoTime()}. */
    public EventClock() {
        this(System::nanoTime);
    }

    /** A clock on the given monotonic nanosecond source (tests pass a settable one). */
    public EventClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** An event with this timestamp arrived: the clock jumps to it if it is ahead. */
    public void observe(Instant eventTime) {
        Optional<Instant> current = now();
        if (current.isEmpty() || eventTime.isAfter(current.get())) {
            base = eventTime;
            baseNanos = nanoTime.getAsLong();
        }
    }

    /** The current event time; empty until the first event. */
    public Optional<Instant> now() {
        if (base == null) {
            return Optional.empty();
        }
        return Optional.of(frozen ? base : base.plus(Duration.ofNanos(nanoTime.getAsLong() - baseNanos)));
    }

    /** Stops the real-time part: from now on only events move the clock. */
    public void freeze() {
        if (!frozen && base != null) {
            base = now().orElseThrow();
        }
        frozen = true;
    }

    /** Lets real time move the clock again, from its current reading. */
    public void unfreeze() {
        if (frozen) {
            baseNanos = nanoTime.getAsLong();
            frozen = false;
        }
    }
}
