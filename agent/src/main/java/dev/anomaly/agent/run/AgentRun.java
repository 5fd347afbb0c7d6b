package dev.anomaly.agent.run;

import dev.anomaly.agent.sample.CounterSource;
import dev.anomaly.agent.sample.HostCounters;
import dev.anomaly.agent.sample.HostMetrics;
import dev.anomaly.agent.sample.HttpProbe;
import dev.anomaly.agent.sample.SampleException;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.EventSink;
import dev.anomaly.common.sink.OutgoingRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The agent's loop: reads the counters every interval on a fixed schedule (a slow read skips ticks rather
 * than drifting), turns two readings into one event, probes the URL if asked, and sends the event keyed by
 * the host. A failed read or probe is one warning line and the loop goes on; only the sink (Kafka
 * unreachable past its timeout) stops it.
 */
public final class AgentRun {
    private final CounterSource source;
    private final HttpProbe probe;
    private final EventSink sink;
    private final String host;
    private final Duration interval;
    private final long count;
    private final Duration duration;
    private final Console console;
    private volatile long sent;
    private long failedReads;
    private long skipped;

    /**
     * @param probe the URL to time each interval, or null
     * @param count stop after this many events, or 0
     * @param duration stop after this long, or null
     */
    public AgentRun(CounterSource source, HttpProbe probe, EventSink sink, String host, Duration interval, long count,
                    Duration duration, Console console) {
        this.source = source;
        this.probe = probe;
        this.sink = sink;
        this.host = host;
        this.interval = interval;
        this.count = count;
        this.duration = duration;
        this.console = console;
    }

    /** Events sent so far; safe to read from another thread. */
    public long sent() {
        return sent;
    }

    /** Runs until the count or duration is reached or a stop is requested; returns the summary line. */
    public String run(ShutdownSignal stop) throws InterruptedException {
        long start = System.nanoTime();
        long intervalNanos = interval.toNanos();
        HostCounters previous = read();
        long tick = 1;
        while (!stop.isRequested() && (count == 0 || sent < count)) {
            long due = start + tick * intervalNanos;
            if (duration != null && due - start > duration.toNanos()) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0 && stop.awaitRequest(Duration.ofNanos(wait))) {
                break;
            }
            tick = Math.max(tick + 1, (System.nanoTime() - start) / intervalNanos + 1);
            HostCounters current = read();
            if (current == null) {
                continue;
            }
            if (previous != null) {
                send(previous, current);
            }
            previous = current;
        }
        sink.flush();
        return String.format(java.util.Locale.ROOT, "Sent %,d events for %s from %s to %s in %.1f s%s%s%s", sent,
                host, source.describe(), sink.describe(), (System.nanoTime() - start) / 1e9,
                failedReads > 0 ? String.format(java.util.Locale.ROOT, "; %,d reads failed", failedReads) : "",
                skipped > 0 ? String.format(java.util.Locale.ROOT, "; %,d intervals skipped (counters reset)",
                        skipped) : "",
                probe != null && probe.failures() > 0
                        ? String.format(java.util.Locale.ROOT, "; %,d probes failed", probe.failures()) : "");
    }

    private void send(HostCounters previous, HostCounters current) {
        Optional<HostMetrics> metrics = HostMetrics.between(previous, current);
        if (metrics.isEmpty()) {
            skipped++;
            console.info("warning: a counter of " + source.describe() + " went backwards (a restart?); "
                    + "this interval is skipped");
            return;
        }
        double responseTime = Double.NaN;
        if (probe != null) {
            long failuresBefore = probe.failures();
            responseTime = probe.probe();
            if (probe.failures() > failuresBefore) {
                console.info("warning: probe of " + probe.url() + " failed (" + probe.lastFailure()
                        + "); recorded as " + (long) responseTime + " ms");
            }
        }
        byte[] json = AgentEventJson.toBytes(Instant.now().truncatedTo(ChronoUnit.MILLIS), host, metrics.get(), responseTime);
        sink.send(new OutgoingRecord(host, json, null));
        sent++;
    }

    private HostCounters read() {
        try {
            return source.read();
        } catch (SampleException e) {
            failedReads++;
            console.info("warning: " + e.getMessage() + "; trying again in " + interval.toMillis() + " ms");
            return null;
        }
    }
}
