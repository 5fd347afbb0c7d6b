package dev.anomaly.evaluator.cli;

import dev.anomaly.alerting.cli.GroupingOptions;
import dev.anomaly.alerting.cli.RuleOptions;
import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.alerting.rules.AnomalyRules;
import dev.anomaly.alerting.rules.Persistence;
import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.HostFieldConverter;
import dev.anomaly.commandline.KafkaConnectionOptions;
import dev.anomaly.commandline.OptionChecks;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.commandline.PlotOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.io.AtomicFile;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.evaluator.alerts.AlertPreview;
import dev.anomaly.evaluator.alerts.AlertPreviewJson;
import dev.anomaly.evaluator.alerts.AlertPreviewReport;
import dev.anomaly.evaluator.alerts.AlertPreviewTable;
import dev.anomaly.evaluator.metrics.EvaluationAccumulator;
import dev.anomaly.evaluator.metrics.EvaluationReport;
import dev.anomaly.evaluator.report.ReportJson;
import dev.anomaly.evaluator.report.ReportTable;
import dev.anomaly.evaluator.report.SourceSummary;
import dev.anomaly.evaluator.source.RunConsumers;
import dev.anomaly.evaluator.source.ScoredCsvReader;
import dev.anomaly.evaluator.source.TopicRunReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly evaluate}: how well a detection run matches the generator's ground truth. */
@Command(name = "evaluate",
        description = {
            "Score a detection run against the ground truth the generator puts in every event (label, episode): "
                + "from the topics (the events on --source-topic, the flagged ones on --anomalies-topic, matched "
                + "by host and timestamp, both read with read_committed up to their end at the start) or from a "
                + "scored CSV (--input, written by 'anomaly detect --input ... --output'). Prints a table on "
                + "stdout; --json writes the same numbers for machines.",
            "",
            "Definitions: an event with a non-empty label is anomalous, of that type; others are normal. TP = "
                + "flagged anomalous events, FP = flagged normal events, FN = unflagged anomalous events; "
                + "precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN); 0 when there is nothing "
                + "to divide by (n/a in the table).",
            "Per type T (one-vs-normal): precision = flagged T / (flagged T + FP), recall = flagged T / events "
                + "of T.",
            "Episodes: the events with one host and episode id. An episode is detected if any of its events is "
                + "flagged; its delay is the index (0-based, in time order) of its first flagged event and the "
                + "simulated seconds from its first event to that one. The table shows mean/median delay in "
                + "events and mean/median/max delay in seconds.",
            "False alarms per 1,000 normal events = 1000 x FP / normal events.",
            "CSV rows whose status is not 'scored' (warming_up, rejected) count as not flagged and are "
                + "reported as not scored; rows with a suppressed_by (detect's alert rules did not let the "
                + "model's anomaly stand) count as not flagged and are reported as suppressed, labelled and "
                + "normal apart. Records that are not metric events are skipped and counted.",
            "",
            "--alerts previews what 'anomaly alert' would send for the run before it goes live: the flagged "
                + "events are replayed through the alerter's own grouping (same code, same --group-wait, "
                + "--repeat-interval, --resolve-after, --min-severity and alert rules, in event time as when it reads a "
                + "backlog; silences are not replayed), and the report adds the messages by kind, per host per "
                + "day and in the worst hours, and alert-level precision and recall: an alert episode (a host's "
                + "first message to its resolve) matches a labelled episode of its host when their event-time "
                + "spans overlap; alert precision = alert episodes matching a labelled episode / alert episodes, "
                + "alert recall = labelled episodes matched / labelled episodes.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "1:failure: no such file, no label/episode columns, a topic missing, Kafka "
            + "unreachable or the topics not read within --timeout, no events", "2:bad command line"})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private OutputOptions output;

    @Mixin
    private KafkaConnectionOptions kafka;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE.csv",
            description = "Evaluate a scored CSV (from 'anomaly detect --input ... --output') instead of the "
                    + "topics; it needs timestamp, host, label, episode and is_anomaly columns. Default: read the "
                    + "topics.")
    private Path input;

    @Option(names = "--source-topic", paramLabel = "TOPIC", defaultValue = Topics.SYSTEM_METRICS,
            description = "Topic with the generator's events and their ground truth (default: ${DEFAULT-VALUE}).")
    private String sourceTopic;

    @Option(names = "--anomalies-topic", paramLabel = "TOPIC", defaultValue = Topics.ANOMALIES,
            description = "Topic with the events 'anomaly detect' flagged (default: ${DEFAULT-VALUE}).")
    private String anomaliesTopic;

    @Option(names = "--json", paramLabel = "FILE|-",
            description = "Also write the report as JSON (snake_case keys) to FILE, atomically; '-' writes it "
                    + "to stdout and moves the table to stderr. Default: no JSON.")
    private String json;

    @Option(names = "--host-field", paramLabel = "NAME", defaultValue = MetricFields.HOST,
            converter = HostFieldConverter.class, description = HostFieldConverter.DESCRIPTION
                    + " Give detect's value; applies to the source topic.")
    private HostField hostField;

    @Mixin
    private PlotOptions plot;

    @Option(names = "--alerts",
            description = "Also preview the alerts: what 'anomaly alert' would send for this run, and how its alerts "
                    + "match the labelled episodes (see above). --alerts-messages, --group-wait, --repeat-interval, "
                    + "--resolve-after, --min-severity, --direction, --min-deviation and --rules go with it, as "
                    + "'alert' takes them. Default: off.")
    private boolean alerts;

    @Option(names = "--alerts-messages", paramLabel = "FILE",
            description = "With --alerts, write every message the alerter would send to FILE, atomically, one JSON "
                    + "object per line (kind, host, episode_start, at, text, blocks: Slack's payload), in the order "
                    + "it would send them. Default: none.")
    private Path alertsMessages;

    @Mixin
    private GroupingOptions grouping;

    @Mixin
    private RuleOptions ruleOptions;

    /** The alert rules of --alerts, read once (by {@link #validate()}). */
    private AlertRules rules;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Give up with exit code 1 when Kafka does not answer, or the topics cannot be read to "
                    + "their end, within this time (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() {
        validate();
        PrintWriter stdout = spec.commandLine().getOut();
        Console console = new Console(stdout, spec.commandLine().getErr(), output.quiet(), Console.stderrIsTerminal());
        boolean jsonToStdout = "-".equals(json);
        EvaluationAccumulator accumulator = new EvaluationAccumulator();
        Optional<AlertPreview> preview = alerts ? Optional.of(new AlertPreview()) : Optional.empty();
        SourceSummary source = input != null
                ? new ScoredCsvReader(line -> console.info("warning: " + line)).read(input, accumulator, preview)
                : readTopics(accumulator, preview, console);
        EvaluationReport report = accumulator.report();
        if (report.events() == 0) {
            throw ExitException.failure(source.source() + ": no events to evaluate");
        }
        console.info(summary(report, source));
        Console table = jsonToStdout ? console.resultsToErr() : console;
        ReportTable.lines(report).forEach(table::result);
        if (alerts && rules.hostEntries().stream().anyMatch(entry -> !entry.rules().persistence().isNone())) {
            console.info("Note: " + ruleOptions.file() + " has 'for' rules: detect judged them when it scored the "
                    + "run; the preview applies its directions and minimum deviations, as alert does.");
        }
        Optional<AlertPreviewReport> alertReport;
        try {
            alertReport = preview.map(collected -> collected.report(grouping.policy(), new AnomalyRules(rules)));
        } catch (IllegalArgumentException e) {
            throw ExitException.failure(e.getMessage());
        }
        alertReport.ifPresent(previewed -> {
            table.result("");
            AlertPreviewTable.lines(previewed).forEach(table::result);
            if (alertsMessages != null) {
                writeMessages(previewed, alertsMessages, console);
            }
        });
        if (jsonToStdout) {
            stdout.println(ReportJson.toJson(report, source, alertReport));
            stdout.flush();
        } else if (json != null) {
            writeJson(report, source, alertReport, Path.of(json), console);
        }
        if (plot.dir() != null) {
            plot(console);
        }
        return ExitCode.OK;
    }

    private void plot(Console console) {
        // Per host as the evaluation reads the CSV (its host column), whatever --host-field says of topics.
        console.info(plot.draw(input, MetricFields.HOST));
    }

    /** Writes the messages atomically: readers see the old file or the whole new one, never a partial one. */
    private static void writeMessages(AlertPreviewReport previewed, Path file, Console console) {
        try {
            AtomicFile.write(file, out -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                AlertPreviewJson.writeMessages(previewed, writer);
                writer.flush();
            });
        } catch (IOException e) {
            throw ExitException.failure("--alerts-messages " + file + ": cannot write it: " + e.getMessage(), e);
        }
        console.info(String.format(Locale.ROOT, "Wrote the %,d messages to %s", previewed.sent().size(), file));
    }

    private SourceSummary readTopics(EvaluationAccumulator accumulator, Optional<AlertPreview> preview,
                                     Console console) {
        KafkaClientSettings settings = kafka.settings();
        String servers = settings.effectiveBootstrapServers();
        KafkaConnectivity.awaitCluster(settings, timeout);
        String description = "topics " + sourceTopic + " and " + anomaliesTopic + " at " + servers;
        try (Consumer<byte[], byte[]> consumer = RunConsumers.open(settings, timeout)) {
            return new TopicRunReader(consumer, sourceTopic, anomaliesTopic, timeout, hostField,
                    line -> console.info("warning: " + line)).read(accumulator, description, preview);
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(servers, timeout, e);
        }
    }

    private static void writeJson(EvaluationReport report, SourceSummary source,
                                  Optional<AlertPreviewReport> alertReport, Path file, Console console) {
        try {
            ReportJson.write(report, source, alertReport, file);
        } catch (IOException e) {
            throw ExitException.failure("--json " + file + ": cannot write it: " + e.getMessage(), e);
        }
        console.info("Wrote the report to " + file);
    }

    private static String summary(EvaluationReport report, SourceSummary source) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "Evaluated %,d events from %s: %,d anomalous in %,d episodes", report.events(), source.source(),
                report.anomalousEvents(), report.episodes().episodes()));
        if (report.notScored() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d not scored", report.notScored()));
        }
        if (report.suppressed().events() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d suppressed by alert rules", report.suppressed().events()));
        }
        if (source.unreadableRecords() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d unreadable records skipped", source.unreadableRecords()));
        }
        if (source.unmatchedFlagged() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d flagged events matched no source event",
                    source.unmatchedFlagged()));
        }
        return line.toString();
    }

    private void validate() {
        OptionChecks.requirePositive(spec, "--timeout", timeout);
        if (json != null && json.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--json needs a file name, or '-' for stdout");
        }
        if (!alerts) {
            for (String alertOption : new String[] {"--alerts-messages", "--group-wait", "--repeat-interval",
                "--resolve-after", "--min-severity", "--direction", "--min-deviation", "--rules"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(alertOption)) {
                    throw new ParameterException(spec.commandLine(), alertOption + " goes with --alerts");
                }
            }
        }
        try {
            grouping.policy();
            rules = ruleOptions.rules(Persistence.NONE);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (alertsMessages != null && alertsMessages.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(), "--alerts-messages needs a file name");
        }
        if (plot.dir() != null && input == null) {
            throw new ParameterException(spec.commandLine(), "--plot goes with --input (it draws the scored CSV)");
        }
        try {
            plot.validate(input != null);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (input != null) {
            for (String topicOption : new String[] {"--source-topic", "--anomalies-topic"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(topicOption)) {
                    throw new ParameterException(spec.commandLine(), topicOption
                            + " reads from Kafka; it cannot be combined with --input");
                }
            }
        }
    }
}
