package dev.anomaly.alerter.cli;

import dev.anomaly.alerter.delivery.Deliverer;
import dev.anomaly.alerter.delivery.RetryPolicy;
import dev.anomaly.alerter.run.AlertRun;
import dev.anomaly.alerter.run.AnomalyConsumers;
import dev.anomaly.alerter.run.RunSettings;
import dev.anomaly.alerter.run.SilencesAtStart;
import dev.anomaly.alerter.run.UndeliveredTopic;
import dev.anomaly.alerter.slack.SlackTransport;
import dev.anomaly.alerter.slack.TransportChoice;
import dev.anomaly.alerting.cli.GroupingOptions;
import dev.anomaly.alerting.cli.RuleOptions;
import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.alerting.rules.AnomalyRules;
import dev.anomaly.alerting.rules.Persistence;
import dev.anomaly.alerting.silence.SilenceFollower;
import dev.anomaly.alerting.silence.SilenceTopic;
import dev.anomaly.alerting.silence.Silences;
import dev.anomaly.alerting.slack.MessageRenderer;
import dev.anomaly.alerting.time.EventClock;
import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.KafkaConnectionOptions;
import dev.anomaly.commandline.OptionChecks;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.console.ThrottledLog;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly alert}: Slack alerts that are grouped, rate-limited, readable and never lost. */
@Command(name = "alert",
        description = {
            "Alert on Slack about the anomalies 'anomaly detect' writes: grouped, rate-limited, readable, never "
                + "lost.",
            "",
            "  - grouped: a host's anomalies within --group-wait become one message (\"7 anomalies on web-1 in "
                + "12 s, worst \ud83d\udd25 4.2\u00d7\"), with the metrics of the worst one and the features that "
                + "explain its error marked;",
            "  - ruled: with --direction, --min-deviation or --rules, an anomaly whose features that count explain "
                + "less than half of its error (the judgement detect makes) is neither grouped nor sent, only "
                + "counted;",
            "  - quiet: while an episode goes on, further groups are held back for --repeat-interval; a host "
                + "with no anomaly for --resolve-after gets a \u2705 resolved message (with a bot token, "
                + "follow-ups go in the alert's thread);",
            "  - timed by the events' timestamps, so replays and accelerated demos group the same way;",
            "  - paced to one message per second; HTTP 429 waits for Retry-After; 5xx, timeouts and connection "
                + "errors are retried with exponential backoff (1 s doubling to 30 s) for as long as it takes;",
            "  - never lost: offsets are committed only once Slack accepted the message covering them, so after "
                + "a crash or an outage a restart reports what was missing and repeats at most the group in flight.",
            "",
            "Slack is reached through an incoming webhook (SLACK_WEBHOOK_URL or --slack-webhook-file) or the Web "
                + "API's chat.postMessage (SLACK_API_TOKEN or --slack-token-file, with --slack-channel). Secrets are "
                + "never taken on the command line and never printed. Without a credential the alerter makes a dry "
                + "run: it prints the JSON payloads to stdout.",
            "Ctrl-C stops it after the attempt in progress and prints what it did: anomalies consumed, messages "
                + "sent, retries, groups suppressed, unreadable records.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by Ctrl-C, or idle with --exit-when-idle",
            "1:failure: Kafka unreachable within --timeout, Slack rejected a message (its error code is named; "
                + "the anomalies not reported stay uncommitted), a secret file missing or empty",
            "2:bad command line, or conflicting Slack credentials"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  SLACK_WEBHOOK_URL  incoming webhook URL (--slack-webhook-file takes precedence)",
            "  SLACK_API_TOKEN    bot token with the chat:write scope (--slack-token-file takes precedence)"})
public final class AlertCommand implements Callable<Integer> {
    /** Environment variable holding the incoming webhook URL. */
    public static final String WEBHOOK_ENV = TransportChoice.WEBHOOK_ENV;
    /** Environment variable holding the bot token. */
    public static final String TOKEN_ENV = TransportChoice.TOKEN_ENV;
    static final String DEFAULT_GROUP = "anomaly-alerter";
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private KafkaConnectionOptions kafka;

    @Mixin
    private OutputOptions output;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.ANOMALIES,
            description = "Kafka topic of the anomalies to alert on (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--group-id", paramLabel = "GROUP", defaultValue = DEFAULT_GROUP,
            description = "Kafka consumer group; its committed offsets mark what Slack has accepted "
                    + "(default: ${DEFAULT-VALUE}). A new group starts at the earliest anomaly "
                    + "(--property auto.offset.reset=latest to start at the end).")
    private String groupId;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "Stable name of this alerter in its group (static membership): a restarted alerter "
                    + "with the same id takes its partitions back at once instead of waiting for the crashed "
                    + "one's 10 s session to expire. Give each alerter of a group its own. Default: none.")
    private String instanceId;

    @Option(names = "--silences-topic", paramLabel = "TOPIC", defaultValue = SilenceTopic.DEFAULT,
            description = "The compacted topic of silences ('anomaly silence add'), read at start and followed "
                    + "while running: a silenced host's messages are not sent but counted, and its next message "
                    + "says so (default: ${DEFAULT-VALUE}); created if missing.")
    private String silencesTopic;

    @Option(names = "--undelivered-topic", paramLabel = "TOPIC", defaultValue = UndeliveredTopic.DEFAULT,
            description = "Where a message goes that Slack refuses for its content (invalid_blocks, msg_too_long, "
                    + "...), with Slack's error and the anomalies it covers; the alerter then goes on. A refused "
                    + "credential or channel still stops it (default: ${DEFAULT-VALUE}).")
    private String undeliveredTopic;

    @Option(names = "--slack-webhook-file", paramLabel = "FILE",
            description = "File holding a Slack incoming webhook URL on one line. Default: $" + WEBHOOK_ENV + ".")
    private Path webhookFile;

    @Option(names = "--slack-token-file", paramLabel = "FILE",
            description = "File holding a Slack bot token (chat:write) on one line, to post with chat.postMessage "
                    + "and reply in threads. Default: $" + TOKEN_ENV + ".")
    private Path tokenFile;

    @Option(names = "--slack-channel", paramLabel = "CHANNEL",
            description = "Channel to post to with a bot token: an id (C0123456789) or a name (#alerts). Required "
                    + "with a token; a webhook posts to its own channel. Default: none.")
    private String channel;

    @Option(names = "--slack-api-url", paramLabel = "URL",
            description = "Base URL of the Web API used with a bot token, for Slack-compatible servers and tests; "
                    + "HTTPS only, except on this machine (127.0.0.1, ::1, localhost), since the token goes with "
                    + "every request (default: " + "https://slack.com/api/" + ").")
    private String apiUrl;

    @Option(names = "--slack-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Give up on one HTTP attempt (then retry) after this long (default: ${DEFAULT-VALUE}).")
    private Duration slackTimeout;

    @Option(names = "--dry-run",
            description = "Print the exact JSON payloads to stdout instead of posting them; neither joins the "
                    + "consumer group nor commits. Default: off, but on when no Slack credential is configured.")
    private boolean dryRun;

    @Mixin
    private GroupingOptions grouping;

    @Mixin
    private RuleOptions ruleOptions;

    /** The alert rules, read once (by {@link #validate()}). */
    private AlertRules rules;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Give up with exit code 1 when Kafka does not answer within this time "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--exit-when-idle", paramLabel = "DURATION",
            description = "Exit (code 0) once every anomaly read is reported, every episode is resolved and no "
                    + "record came for this long; for batch runs and tests. Default: run until Ctrl-C.")
    private Duration exitWhenIdle;

    // Caught so that a secret typed on the command line by mistake is refused without being echoed (picocli's
    // "Unknown option" message would quote it).
    @Option(names = {"--slack-webhook-url", "--slack-webhook", "--webhook-url"}, hidden = true)
    private String webhookOnCommandLine;

    @Option(names = {"--slack-token", "--slack-api-token", "--token"}, hidden = true)
    private String tokenOnCommandLine;

    /** The command as the launcher runs it, reading credentials from the process environment. */
    public AlertCommand() {
        this(System.getenv());
    }

    /** The command with the given environment (for tests and embedding). */
    public AlertCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        validate();
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), output.quiet(),
                Console.stderrIsTerminal());
        TransportChoice.Choice choice;
        try {
            choice = TransportChoice.choose(new TransportChoice.Request(Optional.ofNullable(webhookFile),
                    Optional.ofNullable(tokenFile), environment, Optional.ofNullable(channel),
                    Optional.ofNullable(apiUrl), dryRun, slackTimeout), spec.commandLine().getOut());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        choice.warning().ifPresent(this::warnAlways);
        choice.note().ifPresent(console::info);
        SlackTransport transport = choice.transport();
        boolean dry = choice.dry();
        if (dry) {
            // stdout carries the payloads.
            console = console.resultsToErr();
        }
        KafkaClientSettings settings = kafka.settings();
        KafkaConnectivity.awaitTopics(settings, timeout, dry ? List.of(topic) : List.of(topic, undeliveredTopic));
        SilenceTopic silenceTopic = new SilenceTopic(settings, silencesTopic, timeout);
        Silences silences = SilencesAtStart.read(silenceTopic, dry, console);
        if (rules.hostEntries().stream().anyMatch(entry -> !entry.rules().persistence().isNone())) {
            console.info("Note: " + ruleOptions.file() + " has 'for' rules: detect judges them (the alerter sees "
                    + "only anomalies); alert applies its directions and minimum deviations.");
        }
        AtomicReference<Consumer<String, byte[]>> toWake = new AtomicReference<>();
        try (ShutdownSignal stop = ShutdownSignal.install("alert", SHUTDOWN_GRACE, () -> wakeUp(toWake));
             KafkaConsumer<String, byte[]> consumer = AnomalyConsumers.open(settings, groupId, instanceId, timeout);
             UndeliveredTopic undelivered = dry ? null : new UndeliveredTopic(
                     AnomalyConsumers.undeliveredProducer(settings, timeout), undeliveredTopic);
             SilenceFollower follower = SilenceFollower.start(silenceTopic, silences,
                     new ThrottledLog(console::info, System::nanoTime), console::info)) {
            toWake.set(consumer);
            Deliverer deliverer = new Deliverer(transport, RetryPolicy.SLACK, System::nanoTime, console,
                    output.verbose());
            AlertRun run = new AlertRun(consumer,
                    new RunSettings(topic, dry, Optional.ofNullable(exitWhenIdle), timeout, output.verbose(),
                            new AnomalyRules(rules)),
                    new AlertGrouper(grouping.policy()),
                    new EventClock(), new MessageRenderer(), deliverer, console,
                    settings.effectiveBootstrapServers(), Optional.ofNullable(undelivered), silences);
            console.info("Alerting on " + topic + " (group " + groupId + ") to " + transport.describe()
                    + "; Ctrl-C stops.");
            try {
                run.run(stop);
            } finally {
                console.info(run.stats().summary());
            }
        }
        return ExitCode.OK;
    }

    private void validate() {
        if (webhookOnCommandLine != null || tokenOnCommandLine != null) {
            boolean webhook = webhookOnCommandLine != null;
            throw usage((webhook ? "a webhook URL" : "a bot token") + " is a secret and not taken on the command "
                    + "line (ps and shell history show it): use $" + (webhook ? WEBHOOK_ENV + " or --slack-webhook-file"
                    : TOKEN_ENV + " or --slack-token-file") + " FILE");
        }
        OptionChecks.requirePositive(spec, "--slack-timeout", slackTimeout);
        OptionChecks.requirePositive(spec, "--timeout", timeout);
        if (exitWhenIdle != null) {
            OptionChecks.requirePositive(spec, "--exit-when-idle", exitWhenIdle);
        }
        if (instanceId != null && instanceId.isBlank()) {
            throw usage("--instance-id must not be blank");
        }
        if (channel != null && channel.isBlank()) {
            throw usage("--slack-channel must not be blank");
        }
        try {
            grouping.policy();
            rules = ruleOptions.rules(Persistence.NONE);
            TransportChoice.apiBaseUrl(Optional.ofNullable(apiUrl));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Said even with --quiet. */
    private void warnAlways(String warning) {
        spec.commandLine().getErr().println("warning: " + warning);
        spec.commandLine().getErr().flush();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void wakeUp(AtomicReference<Consumer<String, byte[]>> consumer) {
        Optional.ofNullable(consumer.get()).ifPresent(Consumer::wakeup);
    }
}
