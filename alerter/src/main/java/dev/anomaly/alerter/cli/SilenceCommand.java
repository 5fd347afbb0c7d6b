package dev.anomaly.alerter.cli;

import dev.anomaly.alerting.silence.Silence;
import dev.anomaly.alerting.silence.SilenceTopic;
import dev.anomaly.alerting.silence.Silences;
import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.KafkaConnectionOptions;
import dev.anomaly.commandline.OptionChecks;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.event.HostGlob;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code anomaly silence add|list|expire}: no messages for some hosts for a while, e.g. during a deploy. */
@Command(name = "silence",
        description = {
            "Silence hosts for a while (a deploy, maintenance): every alerter stops sending their messages at its "
                + "next decision, counts what it held back, and says so in the host's next message once the "
                + "silence ends. Silences live in a compacted Kafka topic, so they hold across alerter restarts and "
                + "for every alerter of the group. Times are wall-clock UTC.",
            ""},
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failure: Kafka unreachable within --timeout, no such silence",
            "2:bad command line"})
public final class SilenceCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: add, list or expire");
    }

    /** The options every silence subcommand shares. */
    static final class Common {
        @Mixin
        KafkaConnectionOptions kafka;

        @Mixin
        OutputOptions output;

        @Option(names = "--silences-topic", paramLabel = "TOPIC", defaultValue = SilenceTopic.DEFAULT,
                description = "The compacted topic of silences, as the alerters read it (default: ${DEFAULT-VALUE});"
                        + " created if missing.")
        String topic;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
                description = "Give up with exit code 1 when Kafka does not answer within this time (default: "
                        + "${DEFAULT-VALUE}).")
        Duration timeout;

        SilenceTopic silenceTopic(CommandSpec spec) {
            OptionChecks.requirePositive(spec, "--timeout", timeout);
            SilenceTopic silences = new SilenceTopic(kafka.settings(), topic, timeout);
            silences.ensureExists();
            return silences;
        }

        Console console(CommandSpec spec) {
            return new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), output.quiet(), false);
        }
    }

    @Command(name = "add", description = {"Silence the hosts matching --host for --for, from now. Prints the "
            + "silence's id (to expire it early) on stdout.", ""})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Mixin
        Common common;

        @Option(names = "--host", required = true, paramLabel = "PATTERN",
                description = "The hosts to silence: a name, or a pattern with * (any characters) and ? (one), "
                        + "matching the whole host name, e.g. 'db-*'. Quote it in a shell. Required.")
        String host;

        @Option(names = "--for", required = true, paramLabel = "DURATION",
                description = "How long, from now, e.g. 30m or 2h. Required.")
        Duration duration;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why, e.g. 'deploy 4121': shown by 'silence list' and in the host's next message. "
                        + "Required.")
        String reason;

        @Override
        public Integer call() {
            OptionChecks.requirePositive(spec, "--for", duration);
            if (host.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--host must not be empty");
            }
            if (reason.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--reason must not be empty");
            }
            if (host.length() > HostGlob.MAX_LENGTH) {
                throw new ParameterException(spec.commandLine(), "--host has at most " + HostGlob.MAX_LENGTH
                        + " characters");
            }
            SilenceTopic topic = common.silenceTopic(spec);
            Silences existing = new Silences();
            topic.readAll(existing);
            String id = newId();
            while (existing.get(id).isPresent()) {
                id = newId();
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Silence silence = new Silence(id, new HostGlob(host), now, now.plus(duration), reason.strip(), now);
            topic.store(silence);
            Console console = common.console(spec);
            console.result(silence.id());
            console.info("Silenced '" + host + "' until " + TIME.format(silence.endsAt()) + " (id " + silence.id()
                    + "): " + silence.reason());
            return ExitCode.OK;
        }

        private static String newId() {
            byte[] bytes = new byte[4];
            RANDOM.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }

    @Command(name = "list", description = {"List the silences in force (with --all, also those ended), newest "
            + "first: id, hosts, start, end, reason.", ""})
    static final class ListSilences implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Mixin
        Common common;

        @Option(names = "--all", description = "Also the silences that ended or were expired.")
        boolean all;

        @Override
        public Integer call() {
            SilenceTopic topic = common.silenceTopic(spec);
            Silences silences = new Silences();
            topic.readAll(silences);
            Instant now = Instant.now();
            List<Silence> shown = silences.all().stream()
                    .filter(silence -> all || silence.isActive(now) || now.isBefore(silence.startsAt())).toList();
            Console console = common.console(spec);
            console.result(String.format(Locale.ROOT, "%-8s  %-24s  %-23s  %-31s  %s", "ID", "HOSTS", "STARTS", "ENDS",
                    "REASON"));
            for (Silence silence : shown) {
                console.result(String.format(Locale.ROOT, "%-8s  %-24s  %-23s  %-31s  %s", silence.id(),
                        silence.hosts().pattern(), TIME.format(silence.startsAt()), TIME.format(silence.endsAt())
                                + (silence.isActive(now) || now.isBefore(silence.startsAt()) ? "" : " (ended)"),
                        silence.reason()));
            }
            console.info(shown.size() + (shown.size() == 1 ? " silence" : " silences")
                    + (all ? "" : " in force (--all shows those ended too)"));
            return ExitCode.OK;
        }
    }

    @Command(name = "expire", description = {"End a silence now: messages for its hosts resume at the alerters' "
            + "next decision, the first of them saying what the silence held back.", ""})
    static final class Expire implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HelpOption help;

        @Mixin
        Common common;

        @Parameters(paramLabel = "ID", description = "The silence's id, as 'silence add' printed it and "
                + "'silence list' shows it.")
        String id;

        @Override
        public Integer call() {
            SilenceTopic topic = common.silenceTopic(spec);
            Silences silences = new Silences();
            topic.readAll(silences);
            Silence silence = silences.get(id).orElseThrow(() -> ExitException.failure("no silence with id '" + id
                    + "' in " + topic.name() + " ('anomaly silence list --all' shows them)"));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (!now.isBefore(silence.endsAt())) {
                common.console(spec).info("Silence " + id + " had already ended at " + TIME.format(silence.endsAt()));
                return ExitCode.OK;
            }
            topic.store(silence.expiredAt(now));
            common.console(spec).info("Expired silence " + id + " ('" + silence.hosts().pattern() + "': "
                    + silence.reason() + ")");
            return ExitCode.OK;
        }
    }
}
