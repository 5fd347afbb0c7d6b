package dev.anomaly.bench;

import dev.anomaly.common.event.AnomalyType;
import dev.anomaly.generator.simulation.MetricsSimulator;
import dev.anomaly.generator.simulation.SimulationSettings;
import java.time.Instant;

/**
 * The generated events of the bench: {@code anomaly generate --hosts 10 --seed N} (5 s interval, an
 * anomaly episode of 30 s after about every 2 min per host, all three types), from a fixed start, so that
 * an event's index follows from its host and timestamp.
 */
final class BenchEvents {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final int HOSTS = BenchOptions.HOSTS;

    private final SimulationSettings settings;

    BenchEvents(long seed) {
        this.settings = new SimulationSettings(HOSTS, SimulationSettings.DEFAULT_INTERVAL, START, seed,
                SimulationSettings.DEFAULT_ANOMALY_EVERY, SimulationSettings.DEFAULT_ANOMALY_LENGTH,
                AnomalyType.EPISODES);
    }

    /** A fresh simulator: the same events in the same order every time. */
    MetricsSimulator simulator() {
        return new MetricsSimulator(settings);
    }

    /**
     * The position of an event in the simulator's order (one event per host per step, web-1 first), or -1
     * when the host or time is not one of ours.
     */
    long index(String host, long epochMillis) {
        if (host == null || !host.startsWith("web-")) {
            return -1;
        }
        int hostNumber;
        try {
            hostNumber = Integer.parseInt(host.substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
        long offset = epochMillis - START.toEpochMilli();
        long interval = settings.interval().toMillis();
        if (hostNumber < 1 || hostNumber > HOSTS || offset < 0 || offset % interval != 0) {
            return -1;
        }
        return offset / interval * HOSTS + hostNumber - 1;
    }
}
