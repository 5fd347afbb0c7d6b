package dev.anomaly.bench;

import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;

/**
 * Measures a consume-process-produce child (detector or pass-through) end to end, from outside: input
 * events divided by the time from its first committed batch to the commit of the last input offset, which
 * is when the last output became visible to read_committed readers. The group's committed offsets are
 * polled every {@value #POLL_MILLIS} ms; the events of the first batch are left out since its start is
 * not observable. JVM start, model load and group join are outside the window, as they would be for a
 * detector that runs for days.
 */
final class ThroughputRun {
    static final long POLL_MILLIS = 10;
    /** After the last commit: the child's --stop-when-idle, its shutdown, and slack. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    private ThroughputRun() {
    }

    /**
     * Watches {@code child} until it has committed {@code total} input records, then waits for its exit.
     *
     * @param timeout how long the whole run may take
     * @throws BenchException when the child fails, exits early or is too slow
     */
    static ThroughputResult measure(ChildJvm child, GroupWatcher watcher, long total, Duration timeout,
                                    ShutdownSignal stop) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long assignedAt = -1;
        long firstAt = -1;
        long firstCount = 0;
        long lastAt;
        while (true) {
            if (stop.isRequested()) {
                child.close();
                throw new BenchException("stopped");
            }
            if (assignedAt < 0 && watcher.assigned()) {
                assignedAt = System.nanoTime();
            }
            long committed = watcher.committed();
            long now = System.nanoTime();
            if (committed > 0 && firstAt < 0) {
                firstAt = now;
                firstCount = committed;
                assignedAt = assignedAt < 0 ? now : assignedAt;
            }
            if (committed >= total) {
                lastAt = now;
                break;
            }
            if (!child.isAlive()) {
                int code = child.awaitExit(EXIT_TIMEOUT);
                throw new BenchException(String.format("the %s JVM exited with code %d after committing %,d of "
                        + "%,d events%s", child.name(), code, committed, total, child.lastLines()));
            }
            if (now > deadline) {
                child.close();
                throw new BenchException(String.format("the %s run committed only %,d of %,d events within %d s%s",
                        child.name(), committed, total, timeout.toSeconds(), child.lastLines()));
            }
            stop.awaitRequest(Duration.ofMillis(POLL_MILLIS));
        }
        int code = child.awaitExit(EXIT_TIMEOUT);
        if (code != 0) {
            throw new BenchException("the " + child.name() + " JVM exited with code " + code + child.lastLines());
        }
        if (firstCount < total && lastAt > firstAt) {
            double seconds = (lastAt - firstAt) / 1e9;
            long events = total - firstCount;
            return new ThroughputResult(events / seconds, events, seconds, ThroughputResult.COMMIT_TO_COMMIT,
                    child.peakRssKb());
        }
        double seconds = Math.max(lastAt - assignedAt, POLL_MILLIS * 1_000_000L) / 1e9;
        return new ThroughputResult(total / seconds, total, seconds, ThroughputResult.ASSIGNMENT_TO_COMMIT,
                child.peakRssKb());
    }
}
