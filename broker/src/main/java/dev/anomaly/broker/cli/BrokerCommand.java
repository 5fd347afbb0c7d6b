package dev.anomaly.broker.cli;

import dev.anomaly.commandline.HelpOption;
import dev.anomaly.broker.BrokerSettings;
import dev.anomaly.broker.EmbeddedKafkaBroker;
import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.kafka.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code anomaly broker}: a real single-node Kafka broker for local use, demos and CI. */
@Command(name = "broker",
        description = {
            "Start a real single-node Apache Kafka broker (KRaft, broker and controller in one process) "
                + "on 127.0.0.1.",
            "",
            "The data directory is formatted on first start and reused afterwards, so topics and offsets "
                + "survive a restart. At start it creates the topics " + "system-metrics, anomalies and "
                + "system-metrics.dlq; other topics are created on first use with --partitions partitions.",
            "Prints 'Kafka broker ready at 127.0.0.1:PORT' when clients can connect. Ctrl-C or SIGTERM "
                + "stops it cleanly."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:failed to start (port in use, bad data directory)",
            "2:bad command line"})
public final class BrokerCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private OutputOptions output;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + BrokerSettings.DEFAULT_PORT,
            description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/kafka",
            description = "Kafka log and metadata directory (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + BrokerSettings.DEFAULT_PARTITIONS,
            description = "Partitions of the topics created at start and of auto-created topics "
                    + "(default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--override", paramLabel = "KEY=VALUE",
            description = "A Kafka server property, applied last (as kafka-server-start's --override); "
                    + "repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--sasl-users", paramLabel = "FILE",
            description = "Require SASL/PLAIN authentication on the client port, for the users in FILE (a properties "
                    + "file: one user=password per line; never on the command line). Clients then need "
                    + "security.protocol=SASL_PLAINTEXT, sasl.mechanism=PLAIN and sasl.jaas.config in their "
                    + "--command-config. Default: no authentication.")
    private Path saslUsers;

    @Override
    public Integer call() throws InterruptedException {
        if (partitions < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--partitions must be at least 1, got " + partitions);
        }
        BrokerSettings settings = new BrokerSettings(port, dataDir, partitions, Topics.CREATED_BY_BROKER,
                overrides, saslUsers == null ? Map.of() : SaslUsersFile.read(saslUsers));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Kafka broker ready at " + broker.bootstrapServers()
                + (broker.sasl() ? " (SASL/PLAIN, " + settings.saslUsers().size() + " users)" : ""));
        out.flush();
        broker.awaitShutdown();
        stopped.await();
        return ExitCode.OK;
    }
}
