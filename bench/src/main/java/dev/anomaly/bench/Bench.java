package dev.anomaly.bench;

import dev.anomaly.broker.BrokerSettings;
import dev.anomaly.broker.EmbeddedKafkaBroker;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.lifecycle.DirectoryTrees;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.ModelStore;
import dev.anomaly.common.time.Durations;
import dev.anomaly.detector.loop.Guarantee;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * One bench run: an embedded broker on an ephemeral port with a temporary data directory, the preloaded
 * input topic, a model, then each measurement in turn. Detectors and the pass-through run as child JVMs
 * from anomaly.jar, one at a time; per-record scoring and training run in this JVM after them.
 */
final class Bench {
    static final String INPUT_TOPIC = "bench-events";
    private static final String PASS_THROUGH_MAIN = PassThroughMain.class.getName();
    /** How long a throughput child waits without records before it exits (after the last commit). */
    private static final Duration STOP_WHEN_IDLE = Duration.ofSeconds(2);
    /** The latency child is idle between its assignment and the first event: more room. */
    private static final Duration LATENCY_STOP_WHEN_IDLE = Duration.ofSeconds(5);
    /** Distinct hosts of the alerter measurement: the many-hosts case. */
    static final int ALERTER_HOSTS = 100_000;

    private final BenchOptions options;
    private final Console console;
    private final ChildRegistry children;
    private final ShutdownSignal stop;

    Bench(BenchOptions options, Console console, ChildRegistry children, ShutdownSignal stop) {
        this.options = options;
        this.console = console;
        this.children = children;
        this.stop = stop;
    }

    BenchResults run() throws IOException, InterruptedException {
        BenchResults results = new BenchResults(options, BenchResults.Environment.current(Instant.now()));
        Path work = Files.createTempDirectory("anomaly-bench");
        try {
            say("starting a Kafka broker (data in " + work.resolve("kafka") + ")");
            BrokerSettings brokerSettings = new BrokerSettings(0, work.resolve("kafka"), options.partitions(),
                    List.of(), Map.of());
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
                 Admin admin = Admin.create(KafkaClientSettings.of(broker.bootstrapServers())
                         .build(Map.of(), Map.of(), Map.of()))) {
                measure(broker.bootstrapServers(), admin, work, results);
            } finally {
                children.closeAll();
            }
        } finally {
            if (options.keepData()) {
                say("kept the broker's data and the model in " + work);
            } else {
                deleteRecursively(work);
            }
        }
        return results;
    }

    private void measure(String bootstrap, Admin admin, Path work, BenchResults results)
            throws InterruptedException {
        createTopics(admin, INPUT_TOPIC);
        say(String.format(Locale.ROOT, "preloading %,d events from %d hosts into %s (%d partitions)",
                options.events(), BenchOptions.HOSTS, INPUT_TOPIC, options.partitions()));
        double preload = Preloader.preload(KafkaClientSettings.of(bootstrap), INPUT_TOPIC,
                new BenchEvents(options.seed()), options.events(), stop,
                sent -> console.progress(String.format(Locale.ROOT, "preloaded %,d events", sent)));
        console.endProgress();
        results.preload(preload);
        say(String.format(Locale.ROOT, "preloaded at %,.0f events/s", preload));

        boolean needsModel = Stream.of(Measurement.DETECT_EOS, Measurement.DETECT_ALO, Measurement.PER_RECORD,
                Measurement.LATENCY).anyMatch(options::runs);
        Path modelDir = needsModel ? model(work, results) : null;
        DetectDefaults defaults = DetectDefaults.read();
        for (Measurement run : List.of(Measurement.PASSTHROUGH_EOS, Measurement.PASSTHROUGH_ALO,
                Measurement.DETECT_EOS, Measurement.DETECT_ALO)) {
            if (options.runs(run)) {
                results.throughput(run, throughput(run, bootstrap, admin, modelDir, defaults));
            }
        }
        for (Measurement run : List.of(Measurement.DETECT_ISOLATION_FOREST, Measurement.DETECT_RANDOM_CUT_FOREST)) {
            if (options.runs(run)) {
                say(String.format(Locale.ROOT, "training a %s on %,d generated events", run.family().id(),
                        BenchModel.EVENTS));
                Path familyModel = work.resolve(run.family().id());
                BenchModel.trainAndStore(familyModel, new BenchEvents(options.seed() + 1), run.family());
                results.throughput(run, throughput(run, bootstrap, admin, familyModel, defaults));
            }
        }
        if (options.runs(Measurement.PER_RECORD)) {
            say(String.format(Locale.ROOT, "per-record: one model call per event over %,d events, in this JVM",
                    options.perRecordEvents()));
            LoadedModel model = new ModelStore(modelDir).load();
            PerRecordScoring.Result perRecord = PerRecordScoring.measure(model, new BenchEvents(options.seed() + 3),
                    options.perRecordEvents(), stop);
            results.perRecord(perRecord);
            say(String.format(Locale.ROOT, "per-record: %,.0f events/s", perRecord.eventsPerSecond()));
        }
        if (options.runs(Measurement.LATENCY)) {
            for (int rate : options.latencyRates()) {
                results.latency(rate, latency(bootstrap, admin, modelDir, rate));
            }
        }
        if (options.runs(Measurement.ALERTER)) {
            int anomalies = (int) Math.min(1_000_000, Math.max(10_000, options.events()));
            int hosts = Math.min(ALERTER_HOSTS, anomalies);
            say(String.format(Locale.ROOT, "alerter: %,d anomalies of %,d distinct hosts, grouped and rendered in "
                    + "this JVM", anomalies, hosts));
            AlerterThroughput.Result alerter = AlerterThroughput.measure(anomalies, hosts, stop);
            results.alerter(alerter);
            say(String.format(Locale.ROOT, "alerter: %,.0f anomalies/s", alerter.eventsPerSecond()));
        }
        if (options.runs(Measurement.PEER)) {
            results.peer(new PeerBench(options, children, stop, this::say, console::progress)
                    .run(bootstrap, admin, work, this::echo));
            console.endProgress();
        }
        if (options.scaling().isPresent()) {
            results.scaling(new ScalingBench(options, children, stop, this::say, console::progress)
                    .run(bootstrap, admin, work, this::echo));
            console.endProgress();
        }
        if (options.runs(Measurement.TRAIN)) {
            say(String.format(Locale.ROOT, "training: %,d samples × %d epochs, in this JVM", options.trainSamples(),
                    options.trainEpochs()));
            TrainingThroughput.Result training = TrainingThroughput.measure(new BenchEvents(options.seed() + 4),
                    options.trainSamples(), options.trainEpochs(), stop, line -> console.progress("training: " + line));
            console.endProgress();
            results.training(training);
            say(String.format(Locale.ROOT, "training: %.1f s", training.seconds()));
        }
    }

    /** The model the detectors use: --model-dir, or a small one trained now. */
    private Path model(Path work, BenchResults results) {
        Optional<Path> given = options.modelDir();
        if (given.isPresent()) {
            LoadedModel model = new ModelStore(given.get()).load();
            results.model(new BenchResults.Model(model.version(), "from " + given.get()));
            say("using model " + model.version() + " from " + given.get());
            return given.get();
        }
        say(String.format(Locale.ROOT, "training the bench's model on %,d generated events (%d epochs)",
                BenchModel.EVENTS, BenchModel.EPOCHS));
        Path directory = work.resolve("model");
        ModelMetadata model = BenchModel.trainAndStore(directory, new BenchEvents(options.seed() + 1));
        results.model(new BenchResults.Model(model.version(), String.format(Locale.ROOT, "trained by the bench "
                + "with anomaly train's defaults on %,d generated events, %d epochs", BenchModel.EVENTS,
                BenchModel.EPOCHS)));
        return directory;
    }

    private ThroughputResult throughput(Measurement run, String bootstrap, Admin admin, Path modelDir,
                                        DetectDefaults defaults) throws InterruptedException {
        String name = run.id();
        String group = "bench-" + name;
        String output = "bench-" + name + "-out";
        String deadLetters = "bench-" + name + "-dlq";
        boolean detect = run.isDetect();
        Guarantee guarantee = run == Measurement.PASSTHROUGH_ALO || run == Measurement.DETECT_ALO
                ? Guarantee.AT_LEAST_ONCE : Guarantee.EXACTLY_ONCE;
        createTopics(admin, detect ? List.of(output, deadLetters) : List.of(output));
        say(String.format(Locale.ROOT, "%s: %s JVM over %,d events", name, detect ? "detect" : "pass-through",
                options.events()));
        ChildJvm child;
        if (detect) {
            child = children.start(name, DetectArguments.MAIN, DetectArguments.throughput(bootstrap, INPUT_TOPIC,
                    output, deadLetters, group, guarantee, modelDir, STOP_WHEN_IDLE, options.detectOptions()),
                    echo(name));
        } else {
            child = children.start(name, PASS_THROUGH_MAIN, PassThroughMain.arguments(new PassThrough.Settings(
                    bootstrap, INPUT_TOPIC, output, group, guarantee, defaults.maxPollRecords(), defaults.timeout(),
                    STOP_WHEN_IDLE)), echo(name));
        }
        try {
            Duration timeout = Duration.ofSeconds(120 + options.events() / 20_000);
            ThroughputResult result = ThroughputRun.measure(child, new GroupWatcher(admin, group, INPUT_TOPIC),
                    options.events(), timeout, stop);
            say(String.format(Locale.ROOT, "%s: %,.0f events/s (%,d events in %.2f s, peak RSS %,d MB)", name,
                    result.eventsPerSecond(), result.events(), result.seconds(), result.peakRssKb() / 1024));
            return result;
        } finally {
            children.release(child);
        }
    }

    private LatencyRun.Result latency(String bootstrap, Admin admin, Path modelDir, int rate)
            throws InterruptedException {
        String name = "bench-latency-" + rate;
        String input = name + "-in";
        String normal = name + "-normal";
        String anomalies = name + "-anomalies";
        String deadLetters = name + "-dlq";
        String group = name;
        createTopics(admin, List.of(input, normal, anomalies, deadLetters));
        say(String.format(Locale.ROOT, "latency: detect JVM (exactly-once, --normal-topic) at %,d events/s", rate));
        ChildJvm child = children.start("latency", DetectArguments.MAIN, withDetectOptions(List.of("detect",
                "--bootstrap-server", bootstrap, "--topic", input, "--normal-topic", normal, "--anomalies-topic",
                anomalies, "--dead-letter-topic", deadLetters, "--group-id", group, "--from", "earliest",
                "--model-dir", modelDir.toString(), "--stop-when-idle", Durations.format(LATENCY_STOP_WHEN_IDLE))),
                echo("latency"));
        try {
            LatencyRun.Result result = LatencyRun.measure(bootstrap, input, List.of(normal, anomalies, deadLetters),
                    child, new GroupWatcher(admin, group, input), new BenchEvents(options.seed() + 2),
                    rate, options.latencyWarmupSeconds(), options.latencySeconds(), stop,
                    line -> say("latency: " + line));
            say(String.format(Locale.ROOT, "latency: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%,d events, %,d "
                    + "without output); output records created after p50 %.1f ms, p99 %.1f ms", result.p50Ms(),
                    result.p99Ms(), result.p999Ms(), result.measured(), result.missing(), result.outputCreatedP50Ms(),
                    result.outputCreatedP99Ms()));
            return result;
        } finally {
            children.release(child);
        }
    }

    private void createTopics(Admin admin, String topic) throws InterruptedException {
        createTopics(admin, List.of(topic));
    }

    private void createTopics(Admin admin, List<String> topics) throws InterruptedException {
        Topics.create(admin, options.partitions(), topics);
    }

    private Consumer<String> echo(String name) {
        if (!options.verbose()) {
            return line -> { };
        }
        return line -> console.info("  [" + name + "] " + line);
    }

    private void say(String line) {
        console.info("bench: " + line);
    }

    private void deleteRecursively(Path directory) {
        try {
            DirectoryTrees.delete(directory);
        } catch (IOException e) {
            // Reported, not thrown: it must not hide the failure that may be on its way out.
            console.err().println("bench: warning: cannot delete " + directory + ": " + e.getMessage());
            console.err().flush();
        }
    }

    private List<String> withDetectOptions(List<String> arguments) {
        List<String> all = new java.util.ArrayList<>(arguments);
        all.addAll(options.detectOptions());
        return all;
    }
}
