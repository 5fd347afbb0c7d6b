package dev.anomaly.common.console;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One line per interval at most: during a long outage every retry fails, and a line per retry would bury
 * everything else. The next line says how many were held back.
 */
public final class ThrottledLog {
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Consumer<String> lines;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private long lastLine;
    private boolean logged;
    private int heldBack;

    /**
     * @param lines where the lines go
     * @param nanoTime a monotonic clock (tests pass their own)
     */
    public ThrottledLog(Consumer<String> lines, LongSupplier nanoTime) {
        this(lines, nanoTime, INTERVAL);
    }

    /** As {@link #ThrottledLog(Consumer, LongSupplier)}, one line per {@code interval} at most. */
    public ThrottledLog(Consumer<String> lines, LongSupplier nanoTime, Duration interval) {
        this.lines = lines;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
    }

    /** Passes the line on, unless one went less than the interval ago. */
    public void log(String line) {
        long now = nanoTime.getAsLong();
        if (logged && now - lastLine < intervalNanos) {
            heldBack++;
            return;
        }
        lines.accept(heldBack == 0 ? line : line + " (" + heldBack + " similar lines held back)");
        heldBack = 0;
        logged = true;
        lastLine = now;
    }
}
