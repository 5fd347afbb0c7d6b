package dev.anomaly.detector.loop;

import java.time.Duration;

/** How the loop waits before retrying. */
@FunctionalInterface
public interface Pause {
    /** Waits about this long, less if a stop is requested. */
    void await(Duration duration);
}
