package dev.anomaly.generator.simulation;

import dev.anomaly.common.event.MetricEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated host metrics with labelled anomaly episodes, in time order: at each step one sample per host,
 * {@code web-1} first. Deterministic: the same settings give the same events.
 */
public final class MetricsSimulator {
    private static final long CHANGE_SEED_SALT = 0x6368616e676573L;
    private final SimulationSettings settings;
    private final List<HostSimulation> hosts = new ArrayList<>();
    private long step;
    private int hostIndex;

    public MetricsSimulator(SimulationSettings settings) {
        this.settings = settings;
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        // Changes draw from streams of their own: the behaviour and the episodes stay those of the same seed.
        SplittableRandom changeSeeds = new SplittableRandom(settings.seed() ^ CHANGE_SEED_SALT);
        for (int i = 0; i < settings.hosts(); i++) {
            hosts.add(new HostSimulation("web-" + (i + 1), settings, seeds.split(), changeSeeds.split()));
        }
    }

    /** The next sample. The stream never ends; the caller decides when to stop. */
    public MetricEvent next() {
        MetricEvent event = hosts.get(hostIndex).sample(currentTime());
        hostIndex++;
        if (hostIndex == hosts.size()) {
            hostIndex = 0;
            step++;
        }
        return event;
    }

    /** Simulated time of the next sample. */
    public Instant currentTime() {
        return settings.start().plus(settings.interval().multipliedBy(step));
    }

    public SimulationSettings settings() {
        return settings;
    }
}
