package dev.anomaly.common.cli;

import dev.anomaly.common.kafka.KafkaClientSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The Kafka connection options every Kafka subcommand takes, named as in Kafka's own console tools.
 */
public final class KafkaConnectionOptions {
    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka broker(s) to connect to, comma-separated. "
                    + "Default: $" + KafkaClientSettings.BOOTSTRAP_ENV + ", else bootstrap.servers from "
                    + "--command-config, else " + KafkaClientSettings.DEFAULT_BOOTSTRAP + ".")
    private String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties file (security.protocol, sasl.*, ssl.* and any other "
                    + "client setting), as for Kafka's console tools.")
    private Path commandConfig;

    @Option(names = "--property", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A Kafka client property; repeatable. Overrides --command-config; the command's "
                    + "own options override it.")
    private Map<String, String> properties = new LinkedHashMap<>();

    /** The connection as the user gave it, for the domain code. */
    public KafkaClientSettings settings() {
        return new KafkaClientSettings(bootstrapServer, Optional.ofNullable(commandConfig), properties);
    }
}
