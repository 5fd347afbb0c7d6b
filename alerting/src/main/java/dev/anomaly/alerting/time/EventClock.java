package dev.anomaly.alerting.time;

import dev.anomaly.common.time.SkewTolerantWatermark;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The alerter's clock: event time, kept moving when the stream goes quiet, and robust to hosts whose clocks
 * are wrong.
 *
 * <p>The stream's time is the newest event time that two different hosts agree on
 * ({@link SkewTolerantWatermark}; with a single host, its own), plus the real time elapsed since it last
 * moved. In a live deployment that is "now"; in an accelerated demo it runs as fast as the events, and
 * still moves in real time once they stop, so quiet hosts resolve. One host with a clock far ahead does not
 * drag it along: that host alone keeps its own clock (its newest event time plus real time), so its
 * episodes still close and resolve, and nobody else's resolve early.
 *
 * <p>While the alerter is behind the stream (a backlog after a restart, or a Slack outage that stops
 * consumption), {@link #freeze() freeze} it: unread records are not silence, and a host must not resolve
 * because the alerter stopped reading it. Times saturate at the ends of {@link Instant}. Not thread-safe.
 */
public final class EventClock implements HostTime {
    private final LongSupplier nanoTime;
    private final SkewTolerantWatermark agreed = new SkewTolerantWatermark();
    private final Reading stream = new Reading();
    private final Reading aheadOwn = new Reading();
    private String aheadHost;
    private long aheadMillis = Long.MIN_VALUE;
    private boolean frozen;

    /** A clock on {@link System#nanoTime()}. */
    public EventClock() {
        this(System::nanoTime);
    }

    /** A clock on the given monotonic nanosecond source (tests pass a settable one). */
    public EventClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** An event of {@code host} with this timestamp arrived. */
    public void observe(String host, Instant eventTime) {
        long millis = Instants.epochMillis(eventTime);
        boolean hadAgreement = agreed.current() != SkewTolerantWatermark.NONE;
        long agreedMillis = agreed.observe(host, millis);
        if (agreedMillis == SkewTolerantWatermark.NONE) {
            stream.advanceTo(eventTime);
        } else if (!hadAgreement) {
            // A second host: from now on the time two hosts agree on, even if the first one's clock was ahead;
            // the real time that passed since then still counts.
            stream.rebase(Instant.ofEpochMilli(agreedMillis));
        } else {
            stream.advanceTo(Instant.ofEpochMilli(agreedMillis));
        }
        if (aheadHost == null || millis > aheadMillis) {
            if (!host.equals(aheadHost)) {
                aheadOwn.set(eventTime);
            }
            aheadHost = host;
            aheadMillis = millis;
        }
        if (host.equals(aheadHost)) {
            aheadOwn.advanceTo(eventTime);
        }
    }

    /** The stream's time; empty until the first event. */
    public Optional<Instant> now() {
        return Optional.ofNullable(stream.base).map(base -> stream.read());
    }

    @Override
    public Instant now(String host) {
        Instant streamNow = now().orElse(Instant.MIN);
        return host.equals(aheadHost) ? Instants.max(streamNow, aheadOwn.read()) : streamNow;
    }

    @Override
    public Optional<String> ahead() {
        return Optional.ofNullable(aheadHost);
    }

    /** Stops the real-time part: from now on only events move the clock. */
    public void freeze() {
        if (!frozen) {
            stream.settle();
            aheadOwn.settle();
        }
        frozen = true;
    }

    /** Lets real time move the clock again, from its current reading. */
    public void unfreeze() {
        if (frozen) {
            stream.restart();
            aheadOwn.restart();
            frozen = false;
        }
    }

    /** An event time plus, unless frozen, the real time since it was set. */
    private final class Reading {
        private Instant base;
        private long baseNanos;

        Instant read() {
            if (base == null) {
                return Instant.MIN;
            }
            return frozen ? base : Instants.plus(base, Duration.ofNanos(nanoTime.getAsLong() - baseNanos));
        }

        void set(Instant time) {
            base = time;
            baseNanos = nanoTime.getAsLong();
        }

        /** A new event time, keeping the real time already counted on top of the old one. */
        void rebase(Instant time) {
            if (base == null) {
                set(time);
            } else {
                base = time;
            }
        }

        void advanceTo(Instant time) {
            if (base == null || time.isAfter(read())) {
                set(time);
            }
        }

        void settle() {
            if (base != null) {
                base = read();
            }
        }

        void restart() {
            baseNanos = nanoTime.getAsLong();
        }
    }
}
