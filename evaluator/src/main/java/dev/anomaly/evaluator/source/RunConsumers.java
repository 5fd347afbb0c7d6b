package dev.anomaly.evaluator.source;

import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The consumer {@link TopicRunReader} needs: committed data only, no group, no offsets committed. */
public final class RunConsumers {
    private RunConsumers() {
    }

    /** Creates the consumer; the caller owns and closes it. */
    public static Consumer<byte[], byte[]> open(KafkaClientSettings settings, Duration timeout) {
        int timeoutMs = (int) Math.max(1000, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Properties properties = settings.build(
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024),
                Map.of(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs),
                // The evaluation must see what a downstream reader sees, and must not create or move anything.
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        try {
            return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(settings.effectiveBootstrapServers(), timeout, e);
        }
    }
}
