package dev.anomaly.bench;

import dev.anomaly.detector.stream.StreamSettings;
import java.time.Duration;

/**
 * The defaults of {@code anomaly detect} that the pass-through runs with, from the detector's own settings
 * (the same constants the command declares its defaults with).
 *
 * @param maxPollRecords {@code --max-poll-records}
 * @param timeout {@code --timeout}
 */
record DetectDefaults(int maxPollRecords, Duration timeout) {
    static DetectDefaults read() {
        StreamSettings defaults = StreamSettings.builder().build();
        return new DetectDefaults(defaults.maxPollRecords(), defaults.timeout());
    }
}
