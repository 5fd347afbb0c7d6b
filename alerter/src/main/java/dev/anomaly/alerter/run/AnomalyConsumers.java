package dev.anomaly.alerter.run;

import dev.anomaly.common.kafka.GroupProtocols;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Opens the alerter's Kafka clients: the consumer of the anomalies topic, and the undelivered topic's producer. */
public final class AnomalyConsumers {
    private AnomalyConsumers() {
    }

    /**
     * Opens a consumer: defaults (earliest offset for a new group, so nothing detected before the first
     * start is lost; a 10 s session, so a crashed alerter's partitions move on quickly; the cooperative-sticky
     * assignor, so a rebalance leaves the partitions it keeps alone) that the user may override, the group id
     * and static name, and what the alerter relies on (manual commits, committed records only).
     *
     * @param instanceId a stable name given by the operator (static membership: a restarted alerter takes
     *     its partitions back at once), or null
     */
    public static KafkaConsumer<String, byte[]> open(KafkaClientSettings settings, String groupId, String instanceId,
                                                     Duration timeout) {
        try {
            return new KafkaConsumer<>(properties(settings, groupId, instanceId));
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(settings.effectiveBootstrapServers(), timeout, e);
        }
    }

    /** The consumer's configuration, as {@link #open(KafkaClientSettings, String, String, Duration)} uses it. */
    static java.util.Properties properties(KafkaClientSettings settings, String groupId, String instanceId) {
        Map<String, Object> explicit = new HashMap<>(Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId));
        if (instanceId != null) {
            explicit.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "anomaly-alerter-" + instanceId);
        }
        var properties = settings.build(
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000,
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()),
                explicit,
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        return GroupProtocols.adapt(properties);
    }

    /** As {@link #open(KafkaClientSettings, String, String, Duration)} without a static name. */
    public static KafkaConsumer<String, byte[]> open(KafkaClientSettings settings, String groupId, Duration timeout) {
        return open(settings, groupId, null, timeout);
    }

    /** The producer of the undelivered topic: idempotent, acknowledged by every replica. */
    public static Producer<byte[], byte[]> undeliveredProducer(KafkaClientSettings settings, Duration timeout) {
        int millis = (int) Math.max(1000, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return new KafkaProducer<>(settings.build(
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        Math.max(millis, 120_000)),
                Map.of(),
                Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all")),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
