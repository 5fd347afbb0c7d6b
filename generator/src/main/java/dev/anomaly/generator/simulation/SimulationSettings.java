package dev.anomaly.generator.simulation;

import dev.anomaly.common.event.AnomalyType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to simulate.
 *
 * @param hosts how many hosts ({@code web-1} … {@code web-N})
 * @param interval simulated time between two samples of one host
 * @param start simulated time of the first sample
 * @param seed the random seed: the same settings and seed give the same events
 * @param anomalyEvery normal time between two episodes of a host; zero for no anomalies
 * @param anomalyLength how long an episode lasts
 * @param anomalyTypes the types an episode is drawn from, uniformly
 * @param changes lasting changes of normal behaviour, trends and cycles
 */
public record SimulationSettings(int hosts, Duration interval, Instant start, long seed,
                                 Duration anomalyEvery, Duration anomalyLength, List<AnomalyType> anomalyTypes,
                                 Changes changes) {
    /** Two minutes of normal behaviour between episodes. */
    public static final Duration DEFAULT_ANOMALY_EVERY = Duration.ofMinutes(2);
    /** Episodes of 30 seconds. */
    public static final Duration DEFAULT_ANOMALY_LENGTH = Duration.ofSeconds(30);
    /** One sample every 5 seconds per host. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    public SimulationSettings {
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts must be at least 1, got " + hosts);
        }
        Objects.requireNonNull(start, "start");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        if (anomalyEvery.isNegative()) {
            throw new IllegalArgumentException("anomaly-every must not be negative, got " + anomalyEvery);
        }
        if (!anomalyEvery.isZero() && (anomalyLength.isNegative() || anomalyLength.isZero())) {
            throw new IllegalArgumentException("anomaly-length must be positive, got " + anomalyLength);
        }
        anomalyTypes = List.copyOf(anomalyTypes);
        if (!anomalyEvery.isZero() && anomalyTypes.isEmpty()) {
            throw new IllegalArgumentException("at least one anomaly type is needed");
        }
        for (AnomalyType type : anomalyTypes) {
            if (!type.isEpisode()) {
                throw new IllegalArgumentException(type.label() + " is a lasting change, not an episode");
            }
        }
        Objects.requireNonNull(changes, "changes");
    }

    /** The tutorial's stationary stream: no lasting changes. */
    public SimulationSettings(int hosts, Duration interval, Instant start, long seed, Duration anomalyEvery,
                              Duration anomalyLength, List<AnomalyType> anomalyTypes) {
        this(hosts, interval, start, seed, anomalyEvery, anomalyLength, anomalyTypes, Changes.NONE);
    }

    /** The defaults with the given start and seed: one host, 5 s interval, all anomaly types. */
    public static SimulationSettings defaults(Instant start, long seed) {
        return new SimulationSettings(1, DEFAULT_INTERVAL, start, seed, DEFAULT_ANOMALY_EVERY,
                DEFAULT_ANOMALY_LENGTH, AnomalyType.EPISODES);
    }

    /** Whether episodes are injected at all. */
    public boolean injectsAnomalies() {
        return !anomalyEvery.isZero();
    }
}
