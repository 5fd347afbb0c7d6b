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
 */
public record BrokerSettings(int port, Path dataDir, int partitions, List<String> topics,
                             Map<String, String> overrides) {
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
    }

    /** A broker on the given port and directory, with the default partitions and topics. */
    public static BrokerSettings of(int port, Path dataDir) {
        return new BrokerSettings(port, dataDir, DEFAULT_PARTITIONS, Topics.CREATED_BY_BROKER, Map.of());
    }

    public BrokerSettings withPartitions(int newPartitions) {
        return new BrokerSettings(port, dataDir, newPartitions, topics, overrides);
    }

    public BrokerSettings withOverrides(Map<String, String> newOverrides) {
        return new BrokerSettings(port, dataDir, partitions, topics, newOverrides);
    }
}
