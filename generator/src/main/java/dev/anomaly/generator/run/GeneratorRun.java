package dev.anomaly.generator.run;

import dev.anomaly.common.console.Console;
import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.EventSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Moves records from a source to a sink at the requested pace until a limit, the end of the source, or
 * Ctrl-C; then flushes the sink so that every counted record is stored.
 */
public final class GeneratorRun {
    /** At or below this rate each record gets a console line, as in the tutorial. */
    static final double ECHO_MAX_RATE = 20;
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final RecordSource source;
    private final EventSink sink;
    private final Pacing pacing;
    private final RunLimits limits;
    private final Console console;
    private final boolean echo;

    /**
     * @param expectedRate records per second the run will approach, to decide between a line per record
     *     and a progress line (real-time rate, or the fixed rate; 0 for as fast as possible)
     */
    public GeneratorRun(RecordSource source, EventSink sink, Pacing pacing, RunLimits limits, Console console,
                        double expectedRate) {
        this.source = source;
        this.sink = sink;
        this.pacing = pacing;
        this.limits = limits;
        this.console = console;
        this.echo = expectedRate > 0 && expectedRate <= ECHO_MAX_RATE;
    }

    /** Runs until done or until {@code stop} is requested. */
    public GeneratorReport run(ShutdownSignal stop) throws InterruptedException {
        long started = System.nanoTime();
        long sent = 0;
        long labelled = 0;
        Set<String> episodes = new HashSet<>();
        Instant firstTime = null;
        long nextProgress = started;
        long nextLog = started + LOG_EVERY.toNanos();
        while (!stop.isRequested() && (limits.count() == 0 || sent < limits.count())) {
            Optional<RecordSource.Item> next = source.next();
            if (next.isEmpty()) {
                break;
            }
            RecordSource.Item item = next.get();
            if (firstTime == null) {
                firstTime = item.time();
            }
            if (limits.duration() != null && beyond(item, firstTime, started)) {
                break;
            }
            if (waitForSlot(item, firstTime, sent, started, stop)) {
                break;
            }
            sink.send(item.record());
            sent++;
            MetricEvent event = item.record().event();
            if (event != null && event.isAnomalous()) {
                labelled++;
                episodes.add(event.episode());
            }
            if (echo) {
                console.result(describe(item));
            }
            long now = System.nanoTime();
            if (!echo && now >= nextProgress) {
                console.progress(progressLine(sent, now - started));
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            if (!echo && !console.interactive() && now >= nextLog) {
                console.info(progressLine(sent, now - started));
                nextLog = now + LOG_EVERY.toNanos();
            }
        }
        sink.flush();
        if (!echo) {
            console.endProgress();
        }
        return new GeneratorReport(sent, labelled, episodes.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    private boolean beyond(RecordSource.Item item, Instant firstTime, long started) {
        if (item.time() != null && firstTime != null) {
            return !item.time().isBefore(firstTime.plus(limits.duration()));
        }
        return System.nanoTime() - started >= limits.duration().toNanos();
    }

    /** Sleeps until the record is due; true if a stop was requested meanwhile. */
    private boolean waitForSlot(RecordSource.Item item, Instant firstTime, long index, long started,
                                ShutdownSignal stop) throws InterruptedException {
        if (pacing.isUnlimited()) {
            return false;
        }
        long dueNanos;
        if (!pacing.isRealTime()) {
            dueNanos = started + (long) (index * 1e9 / pacing.eventsPerSecond());
        } else if (item.time() != null && firstTime != null) {
            dueNanos = started + Duration.between(firstTime, item.time()).toNanos();
        } else {
            dueNanos = started + pacing.untimedInterval().toNanos() * index;
        }
        long wait = dueNanos - System.nanoTime();
        return wait > 0 && stop.awaitRequest(Duration.ofNanos(wait));
    }

    private static String describe(RecordSource.Item item) {
        MetricEvent event = item.record().event();
        if (event == null) {
            return "Sent: " + item.record().key() + " " + new String(item.record().json(), StandardCharsets.UTF_8);
        }
        String line = String.format(Locale.ROOT,
                "Sent: %s %s CPU=%.1f%% Memory=%.1f%% Response=%.0fms Disk=%.1fMB Network=%.1fMB",
                event.host(), event.timestamp(), event.cpuUsage(), event.memoryUsage(), event.responseTimeMs(),
                event.diskIoMb(), event.networkIoMb());
        return event.isAnomalous() ? line + "  <- " + event.label().label() + " (" + event.episode() + ")" : line;
    }

    private static String progressLine(long sent, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        return String.format(Locale.ROOT, "%,d events sent (%,.0f/s)", sent, seconds > 0 ? sent / seconds : 0.0);
    }
}
