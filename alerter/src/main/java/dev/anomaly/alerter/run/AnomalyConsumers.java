package dev.anomaly.alerter.run;

import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Opens the consumer of the anomalies topic, configured for manual commits after Slack accepted. */
public final class AnomalyConsumers {
    private AnomalyConsumers() {
    }

    /**
     * Opens a consumer: defaults (earliest offset for a new group, so nothing detected before the first
     * start is lost) that the user may override, the group id, and what the alerter relies on (manual
     * commits, committed records only, key and value as strings and bytes).
     */
    public static KafkaConsumer<String, byte[]> open(KafkaClientSettings settings, String groupId, Duration timeout) {
        var properties = settings.build(
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId),
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        try {
            return new KafkaConsumer<>(properties);
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(settings.effectiveBootstrapServers(), timeout, e);
        }
    }
}
