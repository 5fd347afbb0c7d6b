package dev.anomaly.bench;

import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly bench}: how fast the pipeline is on this machine, in one run. */
@Command(name = "bench",
        sortOptions = false,
        description = {
            "Measure the pipeline on this machine, in the spirit of Kafka's perf-test tools (a benchmark, not a "
                + "test): start a Kafka broker in this JVM on a free port, preload --events generated events (10 "
                + "hosts) into a topic, train a small model, then measure and print a table:",
            "",
            "  1 pass-through: consume and produce each record unchanged with detect's",
            "    Kafka client settings, exactly-once and at-least-once: detect's ceiling",
            "  2 detect, exactly-once and at-least-once: events/s end to end; and",
            "    exactly-once with an isolation forest and with a random cut forest",
            "  3 the tutorials' way, one model call per event: events/s on",
            "    --per-record-events events, extrapolated",
            "  4 latency at each --latency-rate: p50, p99, p99.9 from an event's send",
            "    to its output visible to a read_committed consumer",
            "  5 training throughput: --train-samples samples × --train-epochs epochs",
            "  6 the detector's peak RSS",
            "  7 the alerter's grouping at 100,000 hosts",
            "  8 the Kafka + Isolation Forest tutorial's setting: its events (two",
            "    features, 80-90 bytes, no key) in 3 partitions, 3 detect processes",
            "    in one group, an isolation forest and an autoencoder (--skip detect",
            "    leaves these in; --skip peer leaves them out)",
            "",
            "Detectors and the pass-through run one at a time as child JVMs from the same jar, with the bench's "
                + "own memory limits (ANOMALY_HEAP_OPTS, or bin/anomaly's default) and ANOMALY_OPTS, each as a "
                + "fresh consumer group over the whole topic. Throughput is input events ÷ time from the first committed batch to the last. "
                + "Progress goes to stderr, the table to stdout; --json writes the figures for other tools. "
                + "Run it on a quiet machine: anything else on the CPU lowers every figure.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every measurement asked for was taken", "1:failure (a child JVM failed, Kafka error, "
            + "Ctrl-C)", "2:bad command line"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private OutputOptions output;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "Events preloaded into the input topic; every throughput run reads all of them "
                    + "(default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of the bench's topics (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the figures as JSON (replaced atomically). Keys: passthrough_eps, "
                    + "detect_eos_eps, detect_alo_eps, per_record_eps, latency_ms (p50, p99, p999 at the middle rate), latency_ms_by_rate, "
                    + "train_seconds, "
                    + "detector_peak_rss_mb, detect_eos_eps_per_model (autoencoder, isolation-forest, "
                    + "random-cut-forest), scaling (with --scaling: hosts, processes and alerter as lists of points, "
                    + "bytes_per_host by window), peer (event_bytes, partitions, processes, isolation_forest, "
                    + "autoencoder), and details. A skipped measurement is null.")
    private Path json;

    @Option(names = "--latency-rate", paramLabel = "EVENTS_PER_S", split = ",", defaultValue = "1000,10000,50000",
            description = "Fixed input rates of the latency measurement, comma-separated: one detector JVM and one "
                    + "measurement each; latency_ms is the middle rate's (default: ${DEFAULT-VALUE}).")
    private List<Integer> latencyRates;

    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "20",
            description = "Measured seconds at each rate (default: ${DEFAULT-VALUE}).")
    private int latencySeconds;

    @Option(names = "--latency-warmup", paramLabel = "S", defaultValue = "15",
            description = "Seconds at each rate before the measured ones, while the detector JVM compiles its hot "
                    + "path and works off its start-up backlog (5 s was too few at 10,000 events/s); not measured "
                    + "(default: ${DEFAULT-VALUE}).")
    private int latencyWarmup;

    @Option(names = "--per-record-events", paramLabel = "N", defaultValue = "5000",
            description = "Events scored one model call at a time; the rate is extrapolated from them "
                    + "(default: ${DEFAULT-VALUE}).")
    private int perRecordEvents;

    @Option(names = "--train-samples", paramLabel = "N", defaultValue = "100000",
            description = "Normal events of the training measurement (default: ${DEFAULT-VALUE}).")
    private int trainSamples;

    @Option(names = "--train-epochs", paramLabel = "N", defaultValue = "50",
            description = "Epochs of the training measurement; all run, no early stop (default: ${DEFAULT-VALUE}).")
    private int trainEpochs;

    @Option(names = "--skip", paramLabel = "MEASUREMENT", split = ",",
            description = "Measurements to leave out, comma-separated, for quick runs: passthrough-eos, "
                    + "passthrough-alo, detect-eos, detect-alo, detect-isolation-forest, detect-random-cut-forest "
                    + "(passthrough and detect: all of the group), per-record, latency, train, alerter, peer. The peak RSS comes "
                    + "from the detect and latency runs. Default: none.")
    private List<String> skip = new ArrayList<>();

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "Score with this model bundle instead of training a small one (anomaly train's defaults "
                    + "on 5,000 events, 10 epochs). Default: train one.")
    private Path modelDir;

    @Option(names = "--keep-data",
            description = "Keep the broker's data directory and the model (the path is printed). Default: deleted.")
    private boolean keepData;

    @Option(names = "--detect-option", paramLabel = "OPTION",
            description = "Add OPTION to every detector's command line, e.g. --detect-option=--no-likelihood to "
                    + "measure what likelihood costs; repeat for several. Default: detect's defaults.")
    private List<String> detectOptions = new ArrayList<>();

    @Option(names = "--scaling",
            description = "Also measure how the cost grows with the work (a few minutes more): detect exactly-once "
                    + "events/s and peak RSS against --scaling-hosts and --scaling-windows, events/s of "
                    + "--scaling-processes detect processes in one group, the alerter at --scaling-alerter-hosts. "
                    + "Default: off.")
    private boolean scaling;

    @Option(names = "--scaling-events", paramLabel = "N", defaultValue = "1000000",
            description = "Events of every detect run of --scaling (default: ${DEFAULT-VALUE}).")
    private long scalingEvents;

    @Option(names = "--scaling-hosts", paramLabel = "N", split = ",", defaultValue = "10,1000,100000,1000000",
            description = "Distinct hosts of the --scaling events, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Integer> scalingHosts;

    @Option(names = "--scaling-windows", paramLabel = "N", split = ",", defaultValue = "1,10",
            description = "Model windows (train --window) of the --scaling host series (default: ${DEFAULT-VALUE}).")
    private List<Integer> scalingWindows;

    @Option(names = "--scaling-processes", paramLabel = "N", split = ",", defaultValue = "1,2,3",
            description = "Detect processes in one group over a --partitions topic, comma-separated "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<Integer> scalingProcesses;

    @Option(names = "--scaling-alerter-hosts", paramLabel = "N", split = ",", defaultValue = "10,100000",
            description = "Distinct hosts of the --scaling alerter runs (default: ${DEFAULT-VALUE}).")
    private List<Integer> scalingAlerterHosts;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write the --scaling figures as PNG charts into DIR (created if missing): "
                    + "scaling-hosts.png, scaling-memory.png, scaling-processes.png. Needs --scaling. Default: none.")
    private Path plotDir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the generated events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws IOException, InterruptedException {
        BenchOptions options = options();
        if (plotDir != null) {
            // Found out now, not after the minutes of measuring.
            preparePlotDirectory();
            ScalingCharts.checkCanDraw();
        }
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), output.quiet(),
                Console.stderrIsTerminal());
        ChildRegistry children = new ChildRegistry(JvmLauncher.likeThisJvm(RunnableJar.find(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getenv()));
        BenchResults results;
        try (ShutdownSignal stop = ShutdownSignal.install("bench", Duration.ofSeconds(30), children::closeAll)) {
            try {
                results = new Bench(options, console, children, stop).run();
            } catch (RuntimeException e) {
                if (stop.isRequested()) {
                    // Said now: once the signal is closed the JVM exits before the error handler prints.
                    console.err().println("anomaly bench: stopped; child JVMs and temporary data removed");
                    console.err().flush();
                }
                throw e;
            }
        }
        ResultTable.lines(results).forEach(console::result);
        if (json != null) {
            ResultJson.write(results, json);
            console.info("bench: wrote " + json);
        }
        if (plotDir != null && results.scaling().isPresent()) {
            for (Path chart : ScalingCharts.write(results.scaling().get(), plotDir)) {
                console.info("bench: wrote " + chart);
            }
        }
        return ExitCode.OK;
    }

    private void preparePlotDirectory() throws IOException {
        if (Files.exists(plotDir) && !Files.isDirectory(plotDir)) {
            throw new ParameterException(spec.commandLine(), "--plot must name a directory, not the file " + plotDir);
        }
        Files.createDirectories(plotDir);
        if (!Files.isWritable(plotDir)) {
            throw new ParameterException(spec.commandLine(), "--plot: cannot write charts into " + plotDir);
        }
    }

    private Optional<ScalingOptions> scalingOptions() {
        if (!scaling) {
            for (String option : List.of("--plot", "--scaling-events", "--scaling-hosts", "--scaling-windows",
                    "--scaling-processes", "--scaling-alerter-hosts")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new IllegalArgumentException(option + " needs --scaling: it sets up that section");
                }
            }
            return Optional.empty();
        }
        return Optional.of(new ScalingOptions(scalingEvents, scalingHosts, scalingWindows, scalingProcesses,
                scalingAlerterHosts, Optional.ofNullable(plotDir)));
    }

    private BenchOptions options() {
        try {
            return new BenchOptions(events, partitions, latencyRates, latencySeconds, latencyWarmup, perRecordEvents,
                    trainSamples, trainEpochs, Measurement.parse(skip), Optional.ofNullable(modelDir), keepData, seed,
                    detectOptions, output.verbose(), scalingOptions());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
