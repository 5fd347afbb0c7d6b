package dev.anomaly.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the demo runs.
 *
 * @param duration how long the whole demo runs, from broker start to report
 * @param speed simulated seconds per real second once training is done
 * @param hosts simulated hosts
 * @param trainingSamples normal events to train on (generated at full speed before the live stream)
 * @param epochs training epochs
 * @param seed random seed of the generator and the model
 * @param port the broker's preferred port; a free one is used when it is taken
 * @param dataDir the broker's data directory, or null for a temporary one
 * @param agent whether this machine joins as one more host, with its real metrics
 */
public record DemoSettings(Duration duration, double speed, int hosts, int trainingSamples, int epochs, long seed,
                           int port, Path dataDir, boolean agent) {
    public DemoSettings {
        if (duration.toSeconds() < 30) {
            throw new IllegalArgumentException("the demo needs at least 30s (it trains a model first)");
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts must be at least 1, got " + hosts);
        }
        if (trainingSamples < 200) {
            throw new IllegalArgumentException("the demo trains on at least 200 samples, got " + trainingSamples);
        }
    }
}
