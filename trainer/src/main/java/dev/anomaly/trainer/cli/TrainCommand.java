package dev.anomaly.trainer.cli;

import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.HostFieldConverter;
import dev.anomaly.commandline.KafkaConnectionOptions;
import dev.anomaly.commandline.OptionChecks;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.model.EpochListener;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.ModelFamily;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.ModelStore;
import dev.anomaly.model.ScalerKind;
import dev.anomaly.trainer.pipeline.SeasonalityChoice;
import dev.anomaly.trainer.pipeline.TrainingOutcome;
import dev.anomaly.trainer.pipeline.TrainingPipeline;
import dev.anomaly.trainer.pipeline.TrainingSettings;
import dev.anomaly.trainer.report.EpochProgress;
import dev.anomaly.trainer.report.TrainingCharts;
import dev.anomaly.trainer.report.TrainingSummaryPrinter;
import dev.anomaly.trainer.source.CollectedData;
import dev.anomaly.trainer.source.CsvTrainingReader;
import dev.anomaly.trainer.source.StartPosition;
import dev.anomaly.trainer.source.TopicTrainingCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly train}: collect samples, fit the chosen model, write the model bundle. */
@Command(name = "train",
        description = {
            "Collect samples from a topic (or a CSV), fit the model (--model: the autoencoder, an isolation "
                + "forest or a random cut forest) and write a model bundle with its threshold: the --percentile "
                + "of the normal training events' errors.",
            "",
            "The bundle (--model-dir) holds model.json, the artifact it names (the DL4J network or the forest) "
                + "and model.previous.json (the model before, as a fallback). It is replaced atomically: a "
                + "running 'anomaly detect' never reads half a model and picks up the new one between two "
                + "batches.",
            "The autoencoder learns from the normal events only (a non-null 'label' leaves an event out); the "
                + "forests grow on every event, labelled ones included, as detect will see the stream. Quiet "
                + "unless asked: --quiet prints errors only.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:model written", "1:failure (Kafka unreachable, unreadable input, bad bundle directory)",
            "2:bad command line", "3:not enough samples (too few arrived within --timeout, or too few rows)"})
public final class TrainCommand implements Callable<Integer> {
    /** Chosen from evaluate figures (README): 1,000 events span 8 memory cycles per host at 5 s. */
    static final int DEFAULT_SAMPLES = 5000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private KafkaConnectionOptions kafka;

    @Mixin
    private OutputOptions output;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.SYSTEM_METRICS,
            description = "Topic to collect samples from (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "" + DEFAULT_SAMPLES,
            description = "Normal events to collect from the topic (default: ${DEFAULT-VALUE}). Cover at least two "
                    + "of your longest cycles: the tutorial's 300 consecutive events span less than one 600 s "
                    + "memory cycle on 5 hosts and flag a quarter of normal traffic.")
    private int samples;

    @Option(names = "--from", paramLabel = "earliest|latest", defaultValue = "latest",
            converter = StartPositionChoice.class, completionCandidates = StartPositionChoice.class,
            description = "latest: collect what arrives from now on; earliest: the retained history (for cron), "
                    + "keeping the newest --samples (default: ${DEFAULT-VALUE}).")
    private StartPosition from;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Give up with exit code 3 when --samples normal events have not arrived by then "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE.csv",
            description = "Train from a CSV instead of a topic: a header, the --features columns, optionally "
                    + "timestamp (ISO-8601 or yyyy-MM-dd HH:mm:ss), host and label; other columns are ignored.")
    private Path input;

    @Option(names = "--host-field", paramLabel = "NAME", defaultValue = MetricFields.HOST,
            converter = HostFieldConverter.class, description = HostFieldConverter.DESCRIPTION)
    private HostField hostField;

    @Option(names = "--skip-bad-rows",
            description = "With --input, leave out rows with a missing or non-numeric feature (each is reported); "
                    + "by default such a row stops training with its line number.")
    private boolean skipBadRows;

    @Option(names = "--model", paramLabel = "FAMILY", defaultValue = "autoencoder",
            converter = ModelFamilyChoice.class, completionCandidates = ModelFamilyChoice.class,
            description = "Which model to train: autoencoder (learns normal behaviour; needs clean training "
                    + "data), isolation-forest (isolates outliers with random splits; tolerates some anomalies "
                    + "in the training data) or random-cut-forest (keeps learning from every event detect "
                    + "scores, so it follows drift without a retrain) (default: ${DEFAULT-VALUE}).")
    private ModelFamily model;

    @Option(names = "--features", paramLabel = "NAME", split = ",",
            description = "Fields the model reads (default: " + "cpu_usage,memory_usage,response_time_ms,"
                    + "disk_io_mb,network_io_mb).")
    private List<String> features = new ArrayList<>(MetricFields.METRICS);

    @Option(names = "--window", paramLabel = "W", defaultValue = "1",
            description = "Events per input: the last W values of each feature of the same host, oldest first "
                    + "(default: ${DEFAULT-VALUE}). An event with fewer than W events of history is not scored.")
    private int window;

    @Option(names = "--scaler", paramLabel = "standard|minmax", defaultValue = "standard",
            converter = ScalerChoice.class, completionCandidates = ScalerChoice.class,
            description = "Feature scaling fitted on the training data: standard ((x-mean)/sd) or minmax "
                    + "(default: ${DEFAULT-VALUE}).")
    private ScalerKind scaler;

    @Option(names = "--seasonality", paramLabel = "auto|none|PERIODS", defaultValue = "auto",
            description = "Time-of-cycle inputs (sin/cos of each period from the event time). auto finds the "
                    + "dominant periods in the training data (only those it covers twice); or give them, e.g. "
                    + "300s,600s or 1d,7d (default: ${DEFAULT-VALUE}).")
    private String seasonality;

    @Option(names = "--validation-share", paramLabel = "SHARE",
            defaultValue = "" + TrainingSettings.DEFAULT_VALIDATION_SHARE,
            description = "Share of events held out for early stopping and the false-alarm check "
                    + "(default: ${DEFAULT-VALUE}).")
    private double validationShare;

    @Option(names = "--baseline-step", paramLabel = "S",
            defaultValue = "" + TrainingSettings.DEFAULT_BASELINE_STEP,
            description = "Per-host scaling: each host's values are put on the fleet's level and spread by its own "
                    + "median and quartiles, learnt here and followed by detect, which moves them S spreads per "
                    + "event (a lasting shift of D spreads is the host's new normal after about D/S events). "
                    + "0 scales every host alike (default: ${DEFAULT-VALUE}).")
    private double baselineStep;

    @Option(names = "--percentile", paramLabel = "P", defaultValue = "95",
            description = "The threshold is this percentile of the training errors (default: ${DEFAULT-VALUE}): "
                    + "about 100-P percent of normal events exceed it. detect's likelihood (on by default) flags "
                    + "only those that are also unusual for their host, far fewer.")
    private double percentile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed for weights, split and shuffling: the same data and seed give the same "
                    + "model and threshold (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--model-dir", paramLabel = "DIR", defaultValue = "models",
            description = "Model bundle directory (default: ${DEFAULT-VALUE}).")
    private Path modelDir;

    @ArgGroup(validate = false, heading = "%nAutoencoder (--model autoencoder):%n")
    private AutoencoderOptions autoencoder = new AutoencoderOptions();

    @ArgGroup(validate = false, heading = "%nForests (--model isolation-forest or random-cut-forest):%n")
    private ForestOptions forest = new ForestOptions();

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write PNG charts to DIR: loss.png (loss curves) and errors.png (training errors with "
                    + "the threshold).")
    private Path plotDir;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        TrainingSettings settings = settings();
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), output.quiet(),
                Console.stderrIsTerminal());
        CollectedData data = collect(settings.spec(), console);
        TrainingOutcome outcome = train(data, settings, console);
        ModelMetadata stored = new ModelStore(modelDir).save(outcome.metadata(), outcome.model());
        TrainingOutcome written = new TrainingOutcome(stored, outcome.model(), outcome.history(),
                outcome.trainingErrors(), outcome.validationErrors(), outcome.detected(), outcome.warnings());
        outcome.warnings().forEach(warning -> console.info("warning: " + warning));
        if (data.rejectedCount() > 0) {
            console.info(String.format(Locale.ROOT, "warning: %,d records of %s were not usable metric events and "
                    + "were left out", data.rejectedCount(), data.description()));
        }
        for (String line : TrainingSummaryPrinter.lines(written, new ModelStore(modelDir).modelJson(),
                (System.nanoTime() - started) / 1e9)) {
            console.result(line);
        }
        if (plotDir != null) {
            for (Path chart : TrainingCharts.write(written, plotDir)) {
                console.result("  chart      " + chart);
            }
        }
        return ExitCode.OK;
    }

    private CollectedData collect(FeatureSpec featureSpec, Console console) {
        if (input != null) {
            return new CsvTrainingReader(featureSpec.features(), skipBadRows, hostField, console::info).read(input);
        }
        TopicTrainingCollector collector = new TopicTrainingCollector(kafka.settings(), topic,
                featureSpec.features(), samples, from, timeout, hostField);
        try (ShutdownSignal stop = ShutdownSignal.install("train", Duration.ofSeconds(5), () -> { })) {
            CollectedData data = collector.collect(stop, collected -> console.progress(
                    String.format(Locale.ROOT, "collecting %,d / %,d normal samples from %s", collected, samples,
                            topic)));
            console.endProgress();
            return data;
        }
    }

    private TrainingOutcome train(CollectedData data, TrainingSettings settings, Console console) {
        if (console.interactive() && !console.quiet() && settings.family() == ModelFamily.AUTOENCODER) {
            try (EpochProgress progress = new EpochProgress(settings.training().epochs(), System.err)) {
                return TrainingPipeline.run(data, settings, progress);
            }
        }
        EpochListener listener = output.verbose()
                ? (epoch, loss, validation) -> console.info(String.format(Locale.ROOT,
                        "epoch %d: loss %.4f, validation %.4f", epoch, loss, validation))
                : EpochListener.none();
        return TrainingPipeline.run(data, settings, listener);
    }

    private TrainingSettings settings() {
        if (samples < TrainingPipeline.MIN_SAMPLES) {
            throw usage("--samples must be at least " + TrainingPipeline.MIN_SAMPLES + ", got " + samples);
        }
        OptionChecks.requirePositive(spec, "--timeout", timeout);
        try {
            FeatureSpec featureSpec = new FeatureSpec(features.stream().map(String::trim).toList(), window);
            return new TrainingSettings(featureSpec, scaler, SeasonalityChoice.parse(seasonality),
                    autoencoder.layers(), autoencoder.options(seed), percentile, validationShare, model,
                    forest.isolationForest(seed), forest.randomCutForest(seed), baselineStep);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
