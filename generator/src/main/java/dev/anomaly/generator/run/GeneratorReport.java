package dev.anomaly.generator.run;

import java.time.Duration;

/**
 * What a run sent.
 *
 * @param sent records handed to the sink and confirmed by its flush
 * @param labelled generated events carrying an anomaly label
 * @param episodes distinct anomaly episodes among them
 * @param elapsed real time the run took
 */
public record GeneratorReport(long sent, long labelled, long episodes, Duration elapsed) {
    /** Records per real second. */
    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? sent / seconds : 0;
    }
}
