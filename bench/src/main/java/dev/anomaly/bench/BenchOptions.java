package dev.anomaly.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one bench run measures and how big it is.
 *
 * @param events events preloaded into the input topic; every throughput run reads all of them
 * @param partitions partitions of every topic the bench creates
 * @param latencyRates events per second produced during the latency measurements, one measurement each,
 *     in increasing order
 * @param latencySeconds measured seconds at each rate
 * @param latencyWarmupSeconds seconds at each rate before the measured ones (the detector JVM warms up)
 * @param perRecordEvents events scored one model call at a time
 * @param trainSamples normal events the training measurement trains on
 * @param trainEpochs epochs of the training measurement (all of them run: no early stop)
 * @param skipped measurements not to run
 * @param modelDir a model bundle to use instead of training a small one, if any
 * @param keepData keep the broker's data directory (its path is printed)
 * @param seed seed of the generated events
 * @param detectOptions added to every detector's command line (to measure an option's cost)
 * @param verbose echo the child JVMs' output
 * @param scaling the scaling section's settings, when it runs
 */
record BenchOptions(long events, int partitions, List<Integer> latencyRates, int latencySeconds, int latencyWarmupSeconds,
                    int perRecordEvents, int trainSamples, int trainEpochs, Set<Measurement> skipped,
                    Optional<Path> modelDir, boolean keepData, long seed, List<String> detectOptions,
                    boolean verbose, Optional<ScalingOptions> scaling) {
    /** Simulated hosts of the generated events, as in the README's load example. */
    static final int HOSTS = 10;

    BenchOptions {
        detectOptions = List.copyOf(detectOptions);
        require(events >= 1000 && events <= 100_000_000, "--events must be 1000..100000000");
        require(partitions >= 1 && partitions <= 64, "--partitions must be 1..64");
        latencyRates = latencyRates.stream().sorted().distinct().toList();
        require(!latencyRates.isEmpty() && latencyRates.size() <= 10, "--latency-rate takes 1..10 rates");
        require(latencyRates.get(0) >= 1 && latencyRates.get(latencyRates.size() - 1) <= 1_000_000,
                "--latency-rate must be 1..1000000");
        require(latencySeconds >= 1 && latencySeconds <= 3600, "--latency-seconds must be 1..3600");
        require(latencyWarmupSeconds >= 0 && latencyWarmupSeconds <= 600, "--latency-warmup must be 0..600");
        require((long) latencyRates.get(latencyRates.size() - 1) * (latencySeconds + latencyWarmupSeconds)
                        <= 50_000_000,
                "--latency-rate × (--latency-seconds + --latency-warmup) must stay within 50,000,000 events");
        require(perRecordEvents >= 10 && perRecordEvents <= 10_000_000, "--per-record-events must be 10..10000000");
        require(trainSamples >= 100 && trainSamples <= 10_000_000, "--train-samples must be 100..10000000");
        require(trainEpochs >= 1 && trainEpochs <= 1000, "--train-epochs must be 1..1000");
        skipped = skipped.isEmpty() ? EnumSet.noneOf(Measurement.class) : EnumSet.copyOf(skipped);
        modelDir = modelDir == null ? Optional.empty() : modelDir;
        scaling = scaling == null ? Optional.empty() : scaling;
        scaling.ifPresent(section -> require(section.processes().get(section.processes().size() - 1) <= partitions,
                "--scaling-processes must not exceed --partitions (" + partitions + "): a process without a "
                        + "partition has nothing to measure"));
    }

    /** The rate of the headline latency figures ({@code latency_ms}): the middle one of the rates. */
    int headlineLatencyRate() {
        return latencyRates.get((latencyRates.size() - 1) / 2);
    }

    boolean runs(Measurement measurement) {
        return !skipped.contains(measurement);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
