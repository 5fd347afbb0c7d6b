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
    private long lastLine;
    private boolean logged;
    private int heldBack;

    /**
     * @param lines where the lines go
     * @param nanoTime a monotonic clock (tests pass their own)
     */
    public ThrottledLog(Consumer<String> lines, LongSupplier nanoTime) {
        this.lines = lines;
        this.nanoTime = nanoTime;
    }

    /** Passes the line on, unless one went less than {@link #INTERVAL} ago. */
    public void log(String line) {
        long now = nanoTime.getAsLong();
        if (logged && now - lastLine < INTERVAL.toNanos()) {
            heldBack++;
            return;
        }
        lines.accept(heldBack == 0 ? line : line + " (" + heldBack + " similar lines held back)");
        heldBack = 0;
        logged = true;
        lastLine = now;
    }
}
