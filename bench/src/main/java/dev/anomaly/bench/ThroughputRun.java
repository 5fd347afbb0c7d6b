package dev.anomaly.bench;

import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.util.List;

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
        return measure(List.of(child), watcher, total, timeout, stop);
    }

    /**
     * The same for several children in one group: the window starts at the first commit after every one of
     * them owns partitions, so that it measures them working together, not the group forming.
     */
    static ThroughputResult measure(List<ChildJvm> children, GroupWatcher watcher, long total, Duration timeout,
                                    ShutdownSignal stop) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long startedAt = System.nanoTime();
        long assignedAt = -1;
        long firstAt = -1;
        long firstCount = 0;
        long lastAt;
        while (true) {
            if (stop.isRequested()) {
                children.forEach(ChildJvm::close);
                throw new BenchException("stopped");
            }
            if (assignedAt < 0 && watcher.membersAssigned() >= children.size()) {
                assignedAt = System.nanoTime();
            }
            long committed = watcher.committed();
            long now = System.nanoTime();
            if (committed > 0 && firstAt < 0 && (assignedAt >= 0 || children.size() == 1)) {
                firstAt = now;
                firstCount = committed;
                assignedAt = assignedAt < 0 ? now : assignedAt;
            }
            if (committed >= total) {
                lastAt = now;
                break;
            }
            // One of several may end early, its partitions read to their end; all of them may not.
            int running = 0;
            for (ChildJvm child : children) {
                if (child.isAlive()) {
                    running++;
                    continue;
                }
                int code = child.awaitExit(EXIT_TIMEOUT);
                if (code != 0 || children.size() == 1) {
                    throw new BenchException(String.format("the %s JVM exited with code %d after committing %,d "
                            + "of %,d events%s", child.name(), code, committed, total, child.lastLines()));
                }
            }
            if (running == 0 && watcher.committed() < total) {
                throw new BenchException(String.format("the %s JVMs all exited after committing %,d of %,d events%s",
                        children.get(0).name(), watcher.committed(), total, children.get(0).lastLines()));
            }
            if (now > deadline) {
                children.forEach(ChildJvm::close);
                throw new BenchException(String.format("the %s run committed only %,d of %,d events within %d s%s",
                        children.get(0).name(), committed, total, timeout.toSeconds(), children.get(0).lastLines()));
            }
            stop.awaitRequest(Duration.ofMillis(POLL_MILLIS));
        }
        long peakRssKb = 0;
        for (ChildJvm child : children) {
            int code = child.awaitExit(EXIT_TIMEOUT);
            if (code != 0) {
                throw new BenchException("the " + child.name() + " JVM exited with code " + code
                        + child.lastLines());
            }
            peakRssKb = Math.max(peakRssKb, child.peakRssKb());
        }
        if (firstAt >= 0 && firstCount < total && lastAt > firstAt) {
            double seconds = (lastAt - firstAt) / 1e9;
            long events = total - firstCount;
            return new ThroughputResult(events / seconds, events, seconds, ThroughputResult.COMMIT_TO_COMMIT,
                    peakRssKb);
        }
        // Done before the window could open: from the assignment (or, not seen, the watch's start) instead.
        double seconds = Math.max(lastAt - (assignedAt >= 0 ? assignedAt : startedAt), POLL_MILLIS * 1_000_000L)
                / 1e9;
        return new ThroughputResult(total / seconds, total, seconds, assignedAt >= 0
                ? ThroughputResult.ASSIGNMENT_TO_COMMIT : ThroughputResult.START_TO_COMMIT, peakRssKb);
    }
}
