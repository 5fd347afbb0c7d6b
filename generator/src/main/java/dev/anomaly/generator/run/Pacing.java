package dev.anomaly.generator.run;

import java.time.Duration;

/**
 * How fast records are sent.
 *
 * @param eventsPerSecond a fixed rate; 0 means as fast as possible; null means real time
 * @param untimedInterval in real time, the gap between two records that carry no time
 */
public record Pacing(Double eventsPerSecond, Duration untimedInterval) {
    public Pacing {
        if (eventsPerSecond != null && (eventsPerSecond < 0 || eventsPerSecond.isNaN())) {
            throw new IllegalArgumentException("rate must be 0 or more, got " + eventsPerSecond);
        }
    }

    public static Pacing realTime(Duration untimedInterval) {
        return new Pacing(null, untimedInterval);
    }

    public static Pacing fixedRate(double eventsPerSecond) {
        return new Pacing(eventsPerSecond, Duration.ZERO);
    }

    public boolean isRealTime() {
        return eventsPerSecond == null;
    }

    public boolean isUnlimited() {
        return eventsPerSecond != null && eventsPerSecond == 0;
    }
}
