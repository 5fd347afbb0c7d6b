package dev.anomaly.bench;

import dev.anomaly.commandline.VersionProvider;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/** What one bench run measured, filled in phase by phase; a skipped measurement stays empty. */
final class BenchResults {
    /**
     * Where and on what the bench ran.
     *
     * @param runAt when the run started
     * @param cores available processors
     * @param javaVersion the JVM's version
     * @param os operating system name, version and architecture
     * @param anomalyVersion the jar's version
     */
    record Environment(Instant runAt, int cores, String javaVersion, String os, String anomalyVersion) {
        static Environment current(Instant runAt) {
            // "anomaly 0.1.0", as --version prints it.
            String version = new VersionProvider().getVersion()[0].replaceFirst("^anomaly ", "");
            return new Environment(runAt, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), System.getProperty("os.name") + " "
                    + System.getProperty("os.version") + " " + System.getProperty("os.arch"), version);
        }
    }

    /**
     * The model the detectors used.
     *
     * @param version its version
     * @param source how the bench got it
     */
    record Model(String version, String source) {
    }

    private final BenchOptions options;
    private final Environment environment;
    private final Map<Measurement, ThroughputResult> throughput = new EnumMap<>(Measurement.class);
    private double preloadEps = Double.NaN;
    private Model model;
    private PerRecordScoring.Result perRecord;
    /** By rate, in increasing order. */
    private final SortedMap<Integer, LatencyRun.Result> latencies = new TreeMap<>();
    private TrainingThroughput.Result training;
    private AlerterThroughput.Result alerter;
    private ScalingResults scaling;
    private PeerResults peer;

    BenchResults(BenchOptions options, Environment environment) {
        this.options = options;
        this.environment = environment;
    }

    BenchOptions options() {
        return options;
    }

    Environment environment() {
        return environment;
    }

    void preload(double eventsPerSecond) {
        preloadEps = eventsPerSecond;
    }

    OptionalDouble preloadEps() {
        return Double.isNaN(preloadEps) ? OptionalDouble.empty() : OptionalDouble.of(preloadEps);
    }

    void model(Model used) {
        model = used;
    }

    Optional<Model> model() {
        return Optional.ofNullable(model);
    }

    void throughput(Measurement measurement, ThroughputResult result) {
        throughput.put(measurement, result);
    }

    Optional<ThroughputResult> throughput(Measurement measurement) {
        return Optional.ofNullable(throughput.get(measurement));
    }

    void perRecord(PerRecordScoring.Result result) {
        perRecord = result;
    }

    Optional<PerRecordScoring.Result> perRecord() {
        return Optional.ofNullable(perRecord);
    }

    void alerter(AlerterThroughput.Result result) {
        alerter = result;
    }

    Optional<AlerterThroughput.Result> alerter() {
        return Optional.ofNullable(alerter);
    }

    void latency(int rate, LatencyRun.Result result) {
        latencies.put(rate, result);
    }

    /** The headline latency: at {@link BenchOptions#headlineLatencyRate()}. */
    Optional<LatencyRun.Result> latency() {
        return Optional.ofNullable(latencies.get(options.headlineLatencyRate()));
    }

    /** Every latency measured, by rate in increasing order. */
    SortedMap<Integer, LatencyRun.Result> latencies() {
        return Collections.unmodifiableSortedMap(latencies);
    }

    void scaling(ScalingResults result) {
        scaling = result;
    }

    Optional<ScalingResults> scaling() {
        return Optional.ofNullable(scaling);
    }

    void peer(PeerResults result) {
        peer = result;
    }

    Optional<PeerResults> peer() {
        return Optional.ofNullable(peer);
    }

    void training(TrainingThroughput.Result result) {
        training = result;
    }

    Optional<TrainingThroughput.Result> training() {
        return Optional.ofNullable(training);
    }

    /** {@code numerator ÷ denominator} events per second, when both were measured. */
    OptionalDouble ratio(Measurement numerator, Measurement denominator) {
        Optional<ThroughputResult> top = throughput(numerator);
        OptionalDouble bottom = denominator == Measurement.PER_RECORD
                ? perRecord().map(r -> OptionalDouble.of(r.eventsPerSecond())).orElse(OptionalDouble.empty())
                : throughput(denominator).map(r -> OptionalDouble.of(r.eventsPerSecond())).orElse(OptionalDouble.empty());
        if (top.isEmpty() || bottom.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(top.get().eventsPerSecond() / bottom.getAsDouble());
    }

    /**
     * The detector's peak RSS: the highest VmHWM of the detector JVMs (exactly-once, at-least-once,
     * latency).
     *
     * @return the peak in KiB and the run it came from
     */
    Optional<Map.Entry<Measurement, Long>> detectorPeakRssKb() {
        Map.Entry<Measurement, Long> peak = null;
        for (Measurement run : new Measurement[] {Measurement.DETECT_EOS, Measurement.DETECT_ALO}) {
            long kb = throughput(run).map(ThroughputResult::peakRssKb).orElse(-1L);
            if (kb > 0 && (peak == null || kb > peak.getValue())) {
                peak = Map.entry(run, kb);
            }
        }
        long latencyKb = latencies.values().stream().mapToLong(LatencyRun.Result::peakRssKb).max().orElse(-1L);
        if (latencyKb > 0 && (peak == null || latencyKb > peak.getValue())) {
            peak = Map.entry(Measurement.LATENCY, latencyKb);
        }
        return Optional.ofNullable(peak);
    }
}
