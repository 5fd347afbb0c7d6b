package dev.anomaly.commandline;

import dev.anomaly.common.kafka.KafkaClientSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
                    + "own options override it. Secrets (sasl.jaas.config, *.password, ssl.keystore.key, "
                    + "anything named *secret*) are refused here: the command line shows in ps and shell "
                    + "history; put them in the --command-config file.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /**
     * The connection as the user gave it, for the domain code.
     *
     * @throws ParameterException when a secret was given with --property
     */
    public KafkaClientSettings settings() {
        for (String key : properties.keySet()) {
            if (isSecret(key)) {
                // Name the key only: echoing the value would print the secret once more.
                throw new ParameterException(command.commandLine(), "--property " + key + " carries a secret, "
                        + "which the command line shows to anyone running ps: put it in a file given with "
                        + "--command-config");
            }
        }
        return new KafkaClientSettings(bootstrapServer, Optional.ofNullable(commandConfig), properties);
    }

    /** Client properties whose value is a credential. */
    static boolean isSecret(String key) {
        String name = key.trim().toLowerCase(Locale.ROOT);
        return name.equals("sasl.jaas.config") || name.endsWith(".password") || name.contains("secret")
                || name.equals("ssl.keystore.key");
    }
}
