package dev.anomaly.generator.cli;

import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.KafkaConnectionOptions;
import dev.anomaly.commandline.OptionChecks;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.event.AnomalyType;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.EventSink;
import dev.anomaly.common.sink.KafkaEventSink;
import dev.anomaly.common.time.Durations;
import dev.anomaly.common.time.Timestamps;
import dev.anomaly.generator.replay.CsvReplaySource;
import dev.anomaly.generator.run.GeneratorReport;
import dev.anomaly.generator.run.GeneratorRun;
import dev.anomaly.generator.run.Pacing;
import dev.anomaly.generator.run.RecordSource;
import dev.anomaly.generator.run.ReplaySource;
import dev.anomaly.generator.run.RunLimits;
import dev.anomaly.generator.run.SimulatorSource;
import dev.anomaly.generator.simulation.Changes;
import dev.anomaly.generator.simulation.MetricsSimulator;
import dev.anomaly.generator.simulation.SimulationSettings;
import dev.anomaly.generator.sink.CsvEventSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly generate}: simulated host metrics with labelled anomalies, or a recorded CSV replayed. */
@Command(name = "generate",
        description = {
            "Generate host metrics with labelled, injected anomalies and send them to Kafka (key = host) or "
                + "write them as CSV. Or replay a recorded CSV to Kafka.",
            "",
            "Normal behaviour: cpu 25+15*sin(2*pi*t/300s)+N(0,5); memory 45+10*sin(2*pi*t/600s)+N(0,3); "
                + "response 120+30*U(0,1)+N(0,20) ms (at least 50); disk 50+N(0,15) MB; network "
                + "100+N(0,25) MB; t is the simulated clock.",
            "Anomalies: after every --anomaly-every of normal time, an episode of --anomaly-length of one "
                + "random type: cpu_spike (+30..50 cpu, at most 100), memory_leak (memory ramps up to +60 "
                + "over the episode, at most 95), slow_response (response x3..8). Events carry the ground "
                + "truth in 'label' and 'episode'; models never use them as inputs.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all records sent (or written)", "1:failure: Kafka unreachable within --timeout, "
            + "a record not stored, an unreadable --replay file", "2:bad command line"})
public final class GenerateCommand implements Callable<Integer> {
    /** The start of simulated time when --seed is given and --start is not, so runs are reproducible. */
    static final Instant REPRODUCIBLE_START = Instant.parse("2026-01-01T00:00:00Z");

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private KafkaConnectionOptions kafka;

    @Mixin
    private OutputOptions output;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.SYSTEM_METRICS,
            description = "Kafka topic to send to (default: ${DEFAULT-VALUE}); created if missing.")
    private String topic;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv|-",
            description = "Write CSV (header, same field names) to FILE, or to stdout with '-', instead of "
                    + "sending to Kafka.")
    private String outputFile;

    @Option(names = "--replay", paramLabel = "FILE.csv",
            description = "Send the rows of a recorded CSV (header required, any columns) to the topic "
                    + "instead of simulating. A 'timestamp' column is optional: with it the default pace "
                    + "follows the recorded times; numbers stay numbers in the JSON; key = the 'host' "
                    + "column, else the file name.")
    private Path replay;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "1",
            description = "Number of simulated hosts, web-1..web-N (default: ${DEFAULT-VALUE}).")
    private int hosts;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "Simulated time between two events of one host (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S",
            description = "Events per real second over all hosts; 0 = as fast as possible. "
                    + "Default: real time (one event per --interval per host; for --replay, the recorded "
                    + "timestamps' pace).")
    private Double rate;

    @Option(names = {"-n", "--count"}, paramLabel = "N",
            description = "Stop after N events (all hosts together). Default: until Ctrl-C, --duration, or the "
                    + "end of a --replay file.")
    private Long count;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this span of simulated time, e.g. 1h or 1d (for --replay: of recorded "
                    + "time). Default: no limit.")
    private Duration duration;

    @Option(names = "--start", paramLabel = "TIMESTAMP",
            description = "Simulated time of the first event, ISO-8601 (2026-01-01T00:00:00Z) or "
                    + "'yyyy-MM-dd HH:mm:ss' UTC. Default: now, or " + "2026-01-01T00:00:00Z when --seed is "
                    + "given, so that the same seed gives the same output.")
    private String start;

    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed: the same seed and options give byte-identical output. Default: random.")
    private Long seed;

    @Option(names = "--anomaly-every", paramLabel = "DURATION", defaultValue = "2m",
            description = "Normal simulated time before each anomaly episode of a host; 0 = no anomalies "
                    + "(default: ${DEFAULT-VALUE}). Hosts' episodes are spread over the cycle.")
    private Duration anomalyEvery;

    @Option(names = "--anomaly-length", paramLabel = "DURATION", defaultValue = "30s",
            description = "Length of an anomaly episode (default: ${DEFAULT-VALUE}).")
    private Duration anomalyLength;

    @Option(names = "--anomaly-types", paramLabel = "TYPE", split = ",",
            defaultValue = "cpu_spike,memory_leak,slow_response",
            description = "Types an episode is drawn from, uniformly (default: ${DEFAULT-VALUE}).")
    private List<String> anomalyTypes = new ArrayList<>();

    @Option(names = "--level-shift-every", paramLabel = "DURATION", defaultValue = "0",
            description = "Mean simulated time between two lasting level shifts of a host: one feature moves by 3-5 "
                    + "of its noise's standard deviations and stays there; its first events are labelled "
                    + "level_shift, then it is the new normal; 0 = none (default: ${DEFAULT-VALUE}).")
    private Duration levelShiftEvery;

    @Option(names = "--noise-change-every", paramLabel = "DURATION", defaultValue = "0",
            description = "Mean simulated time between two lasting noise changes of a host: one feature's noise "
                    + "grows 2.5 times (or comes back); first events labelled noise_change; 0 = none "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration noiseChangeEvery;

    @Option(names = "--change-label-length", paramLabel = "DURATION", defaultValue = "1m",
            description = "How long after a level shift or noise change its events are labelled (default: "
                    + "${DEFAULT-VALUE}).")
    private Duration changeLabelLength;

    @Option(names = "--trend", paramLabel = "POINTS_PER_HOUR", defaultValue = "0",
            description = "A slow trend: cpu_usage points added per simulated hour (negative: down), normal "
                    + "throughout (default: ${DEFAULT-VALUE}).")
    private double trend;

    @Option(names = "--daily-cycle", paramLabel = "POINTS", defaultValue = "0",
            description = "Amplitude of a daily cycle of cpu_usage and memory_usage, normal (default: "
                    + "${DEFAULT-VALUE}).")
    private double dailyCycle;

    @Option(names = "--weekly-cycle", paramLabel = "POINTS", defaultValue = "0",
            description = "Amplitude of a weekly cycle of cpu_usage and memory_usage, normal (default: "
                    + "${DEFAULT-VALUE}).")
    private double weeklyCycle;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Give up with exit code 1 when Kafka does not answer within this time "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws InterruptedException, IOException {
        validate();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        boolean csvToStdout = "-".equals(outputFile);
        Console console = new Console(stdout, stderr, output.quiet(), Console.stderrIsTerminal());
        if (csvToStdout) {
            console = console.resultsToErr();
        }
        double expectedRate = expectedRate();
        // The signal is closed last, so Ctrl-C waits until the sink has stored everything.
        try (ShutdownSignal stop = ShutdownSignal.install("generate", Duration.ofSeconds(30), () -> { });
             RecordSource source = openSource();
             EventSink sink = openSink(stdout)) {
            GeneratorRun run = new GeneratorRun(source, sink, pacing(), new RunLimits(count == null ? 0 : count,
                    duration), console, expectedRate);
            GeneratorReport report = run.run(stop);
            console.info(summary(report, sink));
        }
        return ExitCode.OK;
    }

    private void validate() {
        if (outputFile != null && replay != null) {
            throw new ParameterException(spec.commandLine(),
                    "--replay sends to Kafka; it cannot be combined with --output");
        }
        if (hosts < 1) {
            throw new ParameterException(spec.commandLine(), "--hosts must be at least 1, got " + hosts);
        }
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        if (rate != null && (rate < 0 || rate.isNaN() || rate.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--rate must be 0 (as fast as possible) or more");
        }
        OptionChecks.requirePositive(spec, "--interval", interval);
        if (duration != null) {
            OptionChecks.requirePositive(spec, "--duration", duration);
        }
        if (!anomalyEvery.isZero()) {
            OptionChecks.requirePositive(spec, "--anomaly-length", anomalyLength);
        }
        OptionChecks.requirePositive(spec, "--timeout", timeout);
    }

    private RecordSource openSource() {
        Changes changes = changes();
        if (replay != null) {
            if (changes.any()) {
                throw new ParameterException(spec.commandLine(), "--replay sends recorded rows as they are: it "
                        + "cannot be combined with --level-shift-every, --noise-change-every, --trend or the cycles");
            }
            return new ReplaySource(CsvReplaySource.open(replay));
        }
        long effectiveSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        SimulationSettings settings = new SimulationSettings(hosts, interval, startTime(), effectiveSeed,
                anomalyEvery, anomalyLength, parseTypes(), changes);
        return new SimulatorSource(new MetricsSimulator(settings));
    }

    private EventSink openSink(PrintWriter stdout) throws IOException {
        if ("-".equals(outputFile)) {
            return new CsvEventSink(stdout, "stdout", false);
        }
        if (outputFile != null) {
            Path path = Path.of(outputFile);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            return new CsvEventSink(writer, path.toString(), true);
        }
        return KafkaEventSink.open(kafka.settings(), topic, timeout);
    }

    private Pacing pacing() {
        if (rate != null) {
            return Pacing.fixedRate(rate);
        }
        // Unpaced CSV files: real time makes no sense for a file nobody watches being written.
        if (outputFile != null) {
            return Pacing.fixedRate(0);
        }
        return Pacing.realTime(interval);
    }

    private double expectedRate() {
        if (rate != null) {
            return rate;
        }
        if (outputFile != null) {
            return 0;
        }
        return replay != null ? 1e9 / interval.toNanos() : hosts * 1e9 / interval.toNanos();
    }

    private Instant startTime() {
        if (start != null) {
            try {
                return Timestamps.parse(start);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--start: " + e.getMessage());
            }
        }
        return seed != null ? REPRODUCIBLE_START : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private Changes changes() {
        try {
            return new Changes(levelShiftEvery, noiseChangeEvery, changeLabelLength, trend, dailyCycle, weeklyCycle);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<AnomalyType> parseTypes() {
        List<AnomalyType> types = new ArrayList<>();
        for (String type : anomalyTypes) {
            try {
                AnomalyType parsed;
                try {
                    parsed = AnomalyType.fromLabel(type);
                } catch (IllegalArgumentException e) {
                    // Name the episode types only: the change labels are refused below.
                    throw new IllegalArgumentException("unknown anomaly type '" + type + "'; known: " + String.join(
                            ",", AnomalyType.EPISODES.stream().map(AnomalyType::label).toList()), e);
                }
                if (!parsed.isEpisode()) {
                    throw new IllegalArgumentException(parsed.label() + " is a lasting change, not an episode: use --"
                            + (parsed == AnomalyType.LEVEL_SHIFT ? "level-shift-every" : "noise-change-every"));
                }
                if (!types.contains(parsed)) {
                    types.add(parsed);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--anomaly-types: " + e.getMessage());
            }
        }
        return types;
    }

    private static String summary(GeneratorReport report, EventSink sink) {
        String labelled = report.labelled() > 0
                ? String.format(Locale.ROOT, ", %,d labelled in %,d episodes", report.labelled(), report.episodes())
                : "";
        return String.format(Locale.ROOT, "Sent %,d events%s to %s in %s (%,.0f events/s)",
                report.sent(), labelled, sink.describe(), formatElapsed(report.elapsed()),
                report.eventsPerSecond());
    }

    private static String formatElapsed(Duration elapsed) {
        if (elapsed.toSeconds() < 60) {
            return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
        }
        return Durations.format(elapsed);
    }
}
