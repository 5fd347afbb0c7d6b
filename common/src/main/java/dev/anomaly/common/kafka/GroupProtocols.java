package dev.anomaly.common.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Keeps a consumer configuration valid under both group protocols. The tools tune the classic protocol
 * (session timeout, heartbeats, the cooperative-sticky assignor); a user who picks the new one
 * ({@code group.protocol=consumer}, KIP-848) gets those from the broker, and the client refuses them.
 */
public final class GroupProtocols {
    private GroupProtocols() {
    }

    /** Drops the classic-protocol settings from {@code properties} when the new protocol is chosen. */
    public static Properties adapt(Properties properties) {
        Object protocol = properties.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        if (protocol != null && "consumer".equalsIgnoreCase(protocol.toString().trim())) {
            properties.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
            properties.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
            properties.remove(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
        }
        return properties;
    }
}
