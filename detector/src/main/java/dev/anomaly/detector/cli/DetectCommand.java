package dev.anomaly.detector.cli;

import dev.anomaly.alerting.cli.RuleOptions;
import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.alerting.rules.Persistence;
import dev.anomaly.alerting.silence.SilenceTopic;
import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.HostFieldConverter;
import dev.anomaly.commandline.KafkaConnectionOptions;
import dev.anomaly.commandline.OptionChecks;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.commandline.PlotOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.event.MetricRecordParser;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.detector.loop.Guarantee;
import dev.anomaly.detector.offline.BacktestReport;
import dev.anomaly.detector.offline.CsvBacktest;
import dev.anomaly.detector.state.LikelihoodSettings;
import dev.anomaly.detector.stream.StreamSettings;
import dev.anomaly.detector.stream.StreamingDetector;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly detect}: score the metrics stream (or a CSV) with the trained model. */
@Command(name = "detect",
        description = {
            "Score the metrics stream with the model in --model-dir, in batches (one model call per poll), and "
                + "route every anomaly to the anomalies topic with its error, likelihood, confidence (= error / "
                + "threshold), severity and the features that caused it. An event is an anomaly when its error is "
                + "above the threshold and its host's anomaly likelihood reaches --likelihood-threshold; while a "
                + "host warms up, when its confidence is above 2; with --no-likelihood, when its error is above "
                + "the threshold.",
            "",
            "Records that cannot be scored go to the dead-letter topic byte for byte, with headers dlq.reason, "
                + "dlq.detail, dlq.source.topic, dlq.source.partition and dlq.source.offset; they never stop the "
                + "detector. A new bundle written by 'anomaly train' is picked up between two batches; a bundle "
                + "that fails to load is refused and the current model kept. Detectors in one --group-id share "
                + "the partitions.",
            "",
            "With --input, scores a CSV instead (backtesting) and writes every row with error, raw_error, "
                + "threshold, confidence, likelihood, severity, is_anomaly and status columns.",
            "",
            "With --learn (the default) the model keeps learning from the events it scores, one learner per "
                + "input partition: an autoencoder from the events it does not flag, a random-cut-forest from "
                + "every event. What it learnt is saved to the state topic in each batch's transaction and "
                + "restored after a restart or a rebalance, so the output is the same as without one. With "
                + "--input it learns the same way and saves nothing.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (Ctrl-C, SIGTERM, --stop-when-idle) or CSV scored",
            "1:failure (no usable model, Kafka unreachable, fenced by another detector with the same "
                + "--instance-id)", "2:bad command line"})
public final class DetectCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private KafkaConnectionOptions kafka;

    @Mixin
    private OutputOptions output;

    @Option(names = "--model-dir", paramLabel = "DIR", defaultValue = "models",
            description = "Model bundle directory written by 'anomaly train' (default: ${DEFAULT-VALUE}).")
    private Path modelDir;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.SYSTEM_METRICS,
            description = "Topic to score (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--anomalies-topic", paramLabel = "TOPIC", defaultValue = Topics.ANOMALIES,
            description = "Where anomalies go (default: ${DEFAULT-VALUE}).")
    private String anomaliesTopic;

    @Option(names = "--normal-topic", paramLabel = "TOPIC",
            description = "Also send every scored normal event (and events not scorable yet) here, enriched. "
                    + "Default: not sent.")
    private String normalTopic;

    @Option(names = "--anomalous-topic", paramLabel = "TOPIC",
            description = "Also send every anomalous event here (the Kafka Streams tutorial's routing). "
                    + "Default: not sent.")
    private String anomalousTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", defaultValue = Topics.DEAD_LETTERS,
            description = "Where records that cannot be scored go (default: ${DEFAULT-VALUE}).")
    private String deadLetterTopic;

    @Option(names = "--group-id", paramLabel = "GROUP", defaultValue = StreamSettings.DEFAULT_GROUP,
            description = "Consumer group; detectors in one group share the partitions (default: ${DEFAULT-VALUE}).")
    private String groupId;

    @Option(names = "--state-topic", paramLabel = "TOPIC",
            description = "Changelog of the hosts' state (windows with --window > 1, likelihood baselines), written "
                    + "in each batch's transaction so a restart, a rebalance or an aborted batch resumes every host "
                    + "exactly; created compacted, one partition per input partition (default: GROUP"
                    + StreamSettings.STATE_TOPIC_SUFFIX + ").")
    private String stateTopic;

    @Option(names = "--silences-topic", paramLabel = "TOPIC", defaultValue = SilenceTopic.DEFAULT,
            description = "The silences of 'anomaly silence add', followed while detecting: an anomaly line of a "
                    + "silenced host says so (the alerters hold its messages back; detect still writes the anomaly), "
                    + "and a silence coming into force or ending is one line. Read only, never created; '' for "
                    + "none (default: ${DEFAULT-VALUE}).")
    private String silencesTopic;

    @Option(names = "--host-idle-timeout", paramLabel = "DURATION",
            defaultValue = StreamSettings.DEFAULT_HOST_IDLE_TIMEOUT,
            description = "A host without an event for this long, in event time, is forgotten and starts again as "
                    + "new; keeps memory bounded whatever the keys (default: ${DEFAULT-VALUE}).")
    private Duration hostIdleTimeout;

    @Mixin
    private LikelihoodOptions likelihoodOptions;

    @Mixin
    private LearningOptions learningOptions;

    @Mixin
    private RuleOptions ruleOptions;

    @Option(names = "--for", paramLabel = "N|DURATION", defaultValue = "1",
            description = "How long a host must stay anomalous before its anomaly stands: N consecutive anomalous "
                    + "events (3), or this much event time from the first of them (30s). The events before go to "
                    + "the normal events with \"suppressed_by\":[\"for\"]; the anomalies that stand carry "
                    + "\"anomalous_since\", the first event's time, which the alerter takes as the start. Judged "
                    + "after --direction/--min-deviation; kept across restarts in the state topic "
                    + "(default: ${DEFAULT-VALUE}, every anomaly at once).")
    private String persistence = "1";

    private AlertRules rules;

    @Option(names = "--guarantee", paramLabel = "exactly-once|at-least-once", defaultValue = "exactly-once",
            converter = GuaranteeChoice.class, completionCandidates = GuaranteeChoice.class, description = "exactly-once: outputs and offsets commit in one transaction, so a read_committed reader "
                    + "sees each input's outputs once even if the detector is killed; at-least-once: a crash may "
                    + "repeat a batch (default: ${DEFAULT-VALUE}).")
    private Guarantee guarantee;

    @Option(names = "--from", paramLabel = "earliest|latest", defaultValue = "earliest",
            converter = StartChoice.class, completionCandidates = StartChoice.class,
            description = "Where a group without committed offsets starts (default: ${DEFAULT-VALUE}).")
    private StartChoice.Start from;

    @Option(names = "--max-poll-records", paramLabel = "N", defaultValue = StreamSettings.DEFAULT_MAX_POLL_RECORDS,
            description = "Most records scored per batch; a slow stream gets small batches anyway. Large "
                    + "batches amortise the model call and the transaction (default: ${DEFAULT-VALUE}).")
    private int maxPollRecords;

    @Option(names = "--max-record-bytes", paramLabel = "BYTES", defaultValue = StreamSettings.DEFAULT_MAX_RECORD_BYTES,
            description = "Larger records are dead letters (default: ${DEFAULT-VALUE}).")
    private int maxRecordBytes;

    @Option(names = "--reload-interval", paramLabel = "DURATION", defaultValue = StreamSettings.DEFAULT_RELOAD_INTERVAL,
            description = "How often model.json is checked for a new model (default: ${DEFAULT-VALUE}).")
    private Duration reloadInterval;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://0.0.0.0:PORT/metrics. Default: off.")
    private Integer metricsPort;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "Stable name of this detector (static group membership and transactional id). With one, a "
                    + "restarted detector takes over its partitions and aborts its predecessor's open transaction "
                    + "at once; without, a crashed detector's partitions wait up to the 10 s session timeout. Give "
                    + "each detector of a group its own; it also names a random cut forest's saved learning. "
                    + "Default: random.")
    private String instanceId;

    @Option(names = "--stop-when-idle", paramLabel = "DURATION",
            description = "Stop when no record arrived for this long while partitions were assigned (batch runs, "
                    + "CI). Default: run until stopped.")
    private Duration stopWhenIdle;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = StreamSettings.DEFAULT_TIMEOUT,
            description = "Give up with exit code 1 when Kafka does not answer at start; once running, an outage of "
                    + "any length is waited out (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--host-field", paramLabel = "NAME", defaultValue = MetricFields.HOST,
            converter = HostFieldConverter.class, description = HostFieldConverter.DESCRIPTION)
    private HostField hostField;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE.csv",
            description = "Score a CSV instead of the stream (needs the model's feature columns; timestamp and "
                    + "host columns are used when present).")
    private Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv|-",
            description = "With --input: where the scored CSV goes; '-' is stdout (default: -).")
    private String outputFile;

    @Mixin
    private PlotOptions plot;

    @Override
    public Integer call() throws IOException {
        validate();
        PrintWriter stdout = spec.commandLine().getOut();
        Console console = new Console(stdout, spec.commandLine().getErr(), output.quiet(), Console.stderrIsTerminal());
        ModelStore store = new ModelStore(modelDir);
        if (input != null) {
            return backtest(store, console, stdout);
        }
        StreamSettings settings = StreamSettings.builder().inputTopic(topic).anomaliesTopic(anomaliesTopic)
                .normalTopic(normalTopic).anomalousTopic(anomalousTopic).deadLetterTopic(deadLetterTopic)
                .stateTopic(stateTopic).groupId(groupId).guarantee(guarantee)
                .resetToEarliest(from == StartChoice.Start.EARLIEST).maxPollRecords(maxPollRecords)
                .maxRecordBytes(maxRecordBytes).reloadInterval(reloadInterval).timeout(timeout).instanceId(instanceId)
                .stopWhenIdle(stopWhenIdle).hostIdleTimeout(hostIdleTimeout).likelihood(likelihood())
                .learning(learningOptions.settings()).rules(rules()).hostField(hostField)
                .verbose(output.verbose()).build();
        // Silences only mark anomaly lines: none to follow when there are no lines (--quiet) or no topic ('').
        Optional<SilenceTopic> silences = silencesTopic.isBlank() || output.quiet() ? Optional.empty()
                : Optional.of(new SilenceTopic(kafka.settings(), silencesTopic, timeout));
        StreamingDetector detector = new StreamingDetector(kafka.settings(), settings, store, console, metricsPort,
                silences);
        try (ShutdownSignal stop = ShutdownSignal.install("detect", Duration.ofSeconds(30), detector::wakeup)) {
            detector.run(stop);
        }
        return ExitCode.OK;
    }

    private int backtest(ModelStore store, Console console, PrintWriter stdout) throws IOException {
        LoadedModel model = store.load();
        CsvBacktest backtest = new CsvBacktest(model, hostIdleTimeout, likelihood(), learningOptions.settings(),
                rules(), hostField,
                line -> console.info("warning: " + line));
        String target = outputFile == null ? "-" : outputFile;
        BacktestReport report;
        if (target.equals("-")) {
            report = backtest.run(input, stdout);
            stdout.flush();
        } else {
            Path path = Path.of(target);
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                report = backtest.run(input, writer);
            }
        }
        console.info(report.summary(input, model.version(), !rules().isEmpty()));
        if (plot.dir() != null) {
            console.info(plot.draw(Path.of(target), hostField.path()));
        }
        return ExitCode.OK;
    }

    private void validate() {
        if (outputFile != null && input == null) {
            throw new ParameterException(spec.commandLine(), "--output goes with --input (CSV backtesting)");
        }
        if (plot.dir() != null && (input == null || outputFile == null || outputFile.equals("-"))) {
            throw new ParameterException(spec.commandLine(), "--plot goes with --input and --output FILE.csv "
                    + "(it draws what that file holds)");
        }
        try {
            plot.validate(plot.dir() != null);
            rules();
            likelihoodOptions.validate();
            learningOptions.validate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        OptionChecks.requireWithin(spec, "--max-poll-records", maxPollRecords, 1, 100_000);
        OptionChecks.requireWithin(spec, "--max-record-bytes", maxRecordBytes, 64,
                MetricRecordParser.DEFAULT_MAX_BYTES);
        if (metricsPort != null) {
            OptionChecks.requireWithin(spec, "--metrics-port", metricsPort, 0, 65_535);
        }
        OptionChecks.requirePositive(spec, "--reload-interval", reloadInterval);
        OptionChecks.requirePositive(spec, "--host-idle-timeout", hostIdleTimeout);
    }

    /** The rules of the command line and the rule file, read once (by {@link #validate()}). */
    private AlertRules rules() {
        if (rules == null) {
            rules = ruleOptions.rules(Persistence.parse(persistence));
        }
        return rules;
    }

    private LikelihoodSettings likelihood() {
        return likelihoodOptions.settings();
    }
}
