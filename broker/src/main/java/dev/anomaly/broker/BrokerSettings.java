package dev.anomaly.broker;

import dev.anomaly.common.kafka.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the embedded broker needs to start.
 *
 * @param port the client port; 0 picks a free one
 * @param dataDir the log directory, formatted on first use
 * @param partitions the partition count of the topics created at start and of auto-created topics
 * @param topics topics to create at start (existing ones are left as they are)
 * @param overrides extra Kafka server properties, applied last
 * @param saslUsers users and passwords for SASL/PLAIN on the client listener; empty for no authentication
 */
public record BrokerSettings(int port, Path dataDir, int partitions, List<String> topics,
                             Map<String, String> overrides, Map<String, String> saslUsers) {
    /** The port Kafka clients expect by default. */
    public static final int DEFAULT_PORT = 9092;
    /** Enough partitions for three detectors to share the work. */
    public static final int DEFAULT_PARTITIONS = 3;

    public BrokerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        topics = List.copyOf(topics);
        overrides = Map.copyOf(overrides);
        saslUsers = Map.copyOf(saslUsers);
        for (String user : saslUsers.keySet()) {
            if (!user.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("SASL user names may hold letters, digits, '.', '_' and '-'");
            }
        }
    }

    /** Settings without authentication. */
    public BrokerSettings(int port, Path dataDir, int partitions, List<String> topics, Map<String, String> overrides) {
        this(port, dataDir, partitions, topics, overrides, Map.of());
    }

    /** A broker on the given port and directory, with the default partitions and topics. */
    public static BrokerSettings of(int port, Path dataDir) {
        return new BrokerSettings(port, dataDir, DEFAULT_PARTITIONS, Topics.CREATED_BY_BROKER, Map.of());
    }

    public BrokerSettings withPartitions(int newPartitions) {
        return new BrokerSettings(port, dataDir, newPartitions, topics, overrides, saslUsers);
    }

    public BrokerSettings withOverrides(Map<String, String> newOverrides) {
        return new BrokerSettings(port, dataDir, partitions, topics, newOverrides, saslUsers);
    }

    /** The same broker with SASL/PLAIN authentication for these users. */
    public BrokerSettings withSaslUsers(Map<String, String> users) {
        return new BrokerSettings(port, dataDir, partitions, topics, overrides, users);
    }

    @Override
    public String toString() {
        // Never print the passwords.
        return "BrokerSettings[port=" + port + ", dataDir=" + dataDir + ", partitions=" + partitions + ", topics="
                + topics + ", overrides=" + overrides.keySet() + ", saslUsers=" + saslUsers.keySet() + "]";
    }
}
