package dev.anomaly.generator.simulation;

import dev.anomaly.common.event.AnomalyType;
import dev.anomaly.common.event.MetricEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The samples of one host, in time order: normal behaviour, with an episode of a random type after each
 * span of normal time. The spans vary uniformly from half to one and a half times {@code anomalyEvery}
 * (the mean stays {@code anomalyEvery}): a fixed 150 s schedule locked the episodes to the same phases of
 * the 300 s and 600 s cycles, so a host's normal data never covered a fifth of the cycle and a model
 * trained on it flagged 10–18% of other hosts' normal events instead of 5%. Each host has its own random
 * stream, so hosts do not misbehave together. Lasting changes ({@link HostChanges}) come on top; an episode's
 * label wins over a recent change's.
 */
final class HostSimulation {
    private final String host;
    private final SimulationSettings settings;
    private final RandomGenerator random;
    private final HostChanges changes;
    private long episodeNumber;
    private Instant nextEpisodeStart;
    private Episode current;

    /** @param changeRandom the stream lasting changes draw from, apart from the behaviour's own */
    HostSimulation(String host, SimulationSettings settings, RandomGenerator random, RandomGenerator changeRandom) {
        this.host = host;
        this.settings = settings;
        this.random = random;
        this.changes = new HostChanges(host, settings.changes(), settings.start(), changeRandom);
        if (settings.injectsAnomalies()) {
            nextEpisodeStart = settings.start().plus(normalSpan());
        }
    }

    MetricEvent sample(Instant time) {
        long millis = time.toEpochMilli();
        changes.advance(time);
        double cpu = NormalBehaviour.cpu(millis, random, changes.noise(0), changes.offset(0, millis));
        double memory = NormalBehaviour.memory(millis, random, changes.noise(1), changes.offset(1, millis));
        double response = NormalBehaviour.responseTime(random, changes.noise(2), changes.offset(2, millis));
        double disk = NormalBehaviour.diskIo(random, changes.noise(3), changes.offset(3, millis));
        double network = NormalBehaviour.networkIo(random, changes.noise(4), changes.offset(4, millis));
        Episode episode = episodeAt(time);
        if (episode != null) {
            switch (episode.type()) {
                case CPU_SPIKE -> cpu = Math.min(100, cpu + 30 + 20 * random.nextDouble());
                // Never below where it was: a cycle or a shift may already have taken memory above 95.
                case MEMORY_LEAK -> memory = Math.max(memory, Math.min(95, memory + 60 * episode.progress(time)));
                case SLOW_RESPONSE -> response = response * (3 + 5 * random.nextDouble());
                default -> throw new IllegalStateException("unknown anomaly type " + episode.type());
            }
        }
        if (episode != null) {
            return new MetricEvent(time, host, round(cpu), round(memory), round(response), round(disk),
                    round(network), episode.type(), episode.id());
        }
        AnomalyType change = changes.label(time);
        return new MetricEvent(time, host, round(cpu), round(memory), round(response), round(disk), round(network),
                change, change == null ? null : changes.episode());
    }

    /** The episode covering {@code time} (samples come in time order), drawing the next one as needed. */
    private Episode episodeAt(Instant time) {
        if (!settings.injectsAnomalies()) {
            return null;
        }
        if (current != null && !time.isBefore(current.end())) {
            nextEpisodeStart = current.end().plus(normalSpan());
            current = null;
        }
        if (current == null && !time.isBefore(nextEpisodeStart)) {
            List<AnomalyType> types = settings.anomalyTypes();
            AnomalyType type = types.get(random.nextInt(types.size()));
            current = new Episode(host + "-e" + episodeNumber++, type, nextEpisodeStart,
                    nextEpisodeStart.plus(settings.anomalyLength()));
        }
        return current != null && current.covers(time) ? current : null;
    }

    /** Normal time before the next episode: uniformly 50% to 150% of {@code anomalyEvery}. */
    private Duration normalSpan() {
        long mean = settings.anomalyEvery().toMillis();
        return Duration.ofMillis(mean / 2 + (long) (random.nextDouble() * mean));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
