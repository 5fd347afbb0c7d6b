package dev.anomaly.generator.simulation;

import dev.anomaly.common.event.AnomalyType;
import dev.anomaly.common.event.MetricEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The samples of one host, in time order: normal behaviour, with an episode of a random type after every
 * {@code anomalyEvery} of normal time. Each host has its own random stream and a phase offset, so hosts
 * do not all misbehave at once.
 */
final class HostSimulation {
    private final String host;
    private final SimulationSettings settings;
    private final RandomGenerator random;
    private final Duration cycle;
    private final Duration offset;
    private long nextEpisodeNumber;
    private Episode current;

    HostSimulation(String host, int hostIndex, SimulationSettings settings, RandomGenerator random) {
        this.host = host;
        this.settings = settings;
        this.random = random;
        this.cycle = settings.anomalyEvery().plus(settings.anomalyLength());
        // Spread the hosts' episodes evenly over one cycle.
        this.offset = settings.injectsAnomalies()
                ? Duration.ofMillis(cycle.toMillis() * hostIndex / settings.hosts())
                : Duration.ZERO;
    }

    MetricEvent sample(Instant time) {
        long millis = time.toEpochMilli();
        double cpu = NormalBehaviour.cpu(millis, random);
        double memory = NormalBehaviour.memory(millis, random);
        double response = NormalBehaviour.responseTime(random);
        double disk = NormalBehaviour.diskIo(random);
        double network = NormalBehaviour.networkIo(random);
        Episode episode = episodeAt(time);
        if (episode != null) {
            switch (episode.type()) {
                case CPU_SPIKE -> cpu = Math.min(100, cpu + 30 + 20 * random.nextDouble());
                case MEMORY_LEAK -> memory = Math.min(95, memory + 60 * episode.progress(time));
                case SLOW_RESPONSE -> response = response * (3 + 5 * random.nextDouble());
                default -> throw new IllegalStateException("unknown anomaly type " + episode.type());
            }
        }
        return new MetricEvent(time, host, round(cpu), round(memory), round(response), round(disk), round(network),
                episode == null ? null : episode.type(), episode == null ? null : episode.id());
    }

    /** The episode covering {@code time}, drawing its type when the host enters it. */
    private Episode episodeAt(Instant time) {
        if (!settings.injectsAnomalies()) {
            return null;
        }
        if (current != null && current.covers(time)) {
            return current;
        }
        long elapsed = Duration.between(settings.start(), time).plus(offset).toMillis();
        long number = Math.floorDiv(elapsed, cycle.toMillis());
        long intoCycle = Math.floorMod(elapsed, cycle.toMillis());
        if (intoCycle < settings.anomalyEvery().toMillis()) {
            return null;
        }
        Instant episodeStart = time.minusMillis(intoCycle - settings.anomalyEvery().toMillis());
        if (current == null || number >= nextEpisodeNumber) {
            List<AnomalyType> types = settings.anomalyTypes();
            AnomalyType type = types.get(random.nextInt(types.size()));
            current = new Episode(host + "-e" + number, type, episodeStart,
                    episodeStart.plus(settings.anomalyLength()));
            nextEpisodeNumber = number + 1;
        }
        return current.covers(time) ? current : null;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
