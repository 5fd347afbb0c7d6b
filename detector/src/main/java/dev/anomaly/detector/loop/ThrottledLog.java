package dev.anomaly.detector.loop;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One line per interval at most: during a long outage every retry fails, and a line per retry would bury
 * everything else. The next line says how many were held back.
 */
final class ThrottledLog {
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Consumer<String> lines;
    private final LongSupplier nanoTime;
    private long lastLine;
    private boolean logged;
    private int heldBack;

    ThrottledLog(Consumer<String> lines, LongSupplier nanoTime) {
        this.lines = lines;
        this.nanoTime = nanoTime;
    }

    void log(String line) {
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
