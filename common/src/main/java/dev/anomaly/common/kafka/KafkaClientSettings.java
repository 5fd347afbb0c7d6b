package dev.anomaly.common.kafka;

import dev.anomaly.common.failure.ExplainedException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How to reach Kafka, as the user gave it: the bootstrap servers, an optional client properties file
 * ({@code --command-config}: security settings and the like) and {@code --property} overrides.
 *
 * <p>{@link #build} is the one place where client configuration is assembled, with one precedence
 * (lowest first): the tool's defaults, the properties file, {@code --property} overrides, the tool's
 * explicit flags, and settings the tool cannot work without.
 *
 * @param bootstrapServers {@code --bootstrap-server}, or null when not given on the command line
 * @param commandConfig the client properties file, if any
 * @param overrides {@code --property KEY=VALUE} pairs, in the order given
 */
public record KafkaClientSettings(String bootstrapServers, Optional<Path> commandConfig,
                                  Map<String, String> overrides) {
    /** Environment variable that sets the bootstrap servers when {@code --bootstrap-server} is absent. */
    public static final String BOOTSTRAP_ENV = "ANOMALY_BOOTSTRAP_SERVER";
    /** Where a local broker listens when nothing else says otherwise. */
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    public KafkaClientSettings {
        commandConfig = commandConfig == null ? Optional.empty() : commandConfig;
        overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
    }

    /** Settings that reach the given servers with no file and no overrides (tests, the demo). */
    public static KafkaClientSettings of(String bootstrapServers) {
        return new KafkaClientSettings(bootstrapServers, Optional.empty(), Map.of());
    }

    /**
     * Builds client properties.
     *
     * @param defaults the tool's tuning, which the user may override
     * @param explicit settings from the tool's own flags
     * @param forced settings the tool relies on (serializers, isolation level, transactions)
     */
    public Properties build(Map<String, ?> defaults, Map<String, ?> explicit, Map<String, ?> forced) {
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        Properties file = readCommandConfig();
        file.stringPropertyNames().forEach(key -> merged.put(key, file.getProperty(key)));
        merged.putAll(overrides);
        merged.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, resolveBootstrapServers(file));
        merged.putAll(explicit);
        merged.putAll(forced);
        Properties properties = new Properties();
        properties.putAll(merged);
        return properties;
    }

    /** The servers clients will contact, after every source of configuration is considered. */
    public String effectiveBootstrapServers() {
        return resolveBootstrapServers(readCommandConfig());
    }

    /**
     * Flag first, then {@code --property bootstrap.servers}, the properties file, the environment, and
     * finally {@code localhost:9092}.
     */
    private String resolveBootstrapServers(Properties file) {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return bootstrapServers;
        }
        String fromOverride = overrides.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (fromOverride != null && !fromOverride.isBlank()) {
            return fromOverride;
        }
        String fromFile = file.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (fromFile != null && !fromFile.isBlank()) {
            return fromFile;
        }
        String fromEnv = System.getenv(BOOTSTRAP_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return DEFAULT_BOOTSTRAP;
    }

    private Properties readCommandConfig() {
        Properties properties = new Properties();
        if (commandConfig.isEmpty()) {
            return properties;
        }
        Path path = commandConfig.get();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ExplainedException("--command-config " + path + ": no such file");
        } catch (IOException e) {
            throw new ExplainedException("--command-config " + path + ": cannot read it: " + e.getMessage(), e);
        }
        return properties;
    }

    @Override
    public String toString() {
        // Overrides and the properties file may carry passwords: name the keys, never the values.
        return "KafkaClientSettings[bootstrapServers=" + bootstrapServers + ", commandConfig="
                + commandConfig.map(Path::toString).orElse("none") + ", overrides=" + overrides.keySet() + "]";
    }
}
