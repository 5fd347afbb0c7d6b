package dev.anomaly.detector.stream;

import dev.anomaly.common.kafka.GroupProtocols;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.detector.loop.Guarantee;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of {@code anomaly detect}, in one place so that the bench's pass-through runs with
 * exactly the detector's settings: the consumer (group, offsets, fetch sizes, read_committed, no
 * auto-commit, the cooperative-sticky assignor), the producer (idempotent, transactional for
 * exactly-once, batching, compression) and the state topic's reader.
 */
public final class DetectorClients {
    /** Dead letters carry the largest inputs (cut to fit), plus headers. */
    static final int MAX_REQUEST_SIZE = 2 * 1024 * 1024;

    private final KafkaClientSettings kafka;
    private final StreamSettings settings;

    public DetectorClients(KafkaClientSettings kafka, StreamSettings settings) {
        this.kafka = kafka;
        this.settings = settings;
    }

    /** The group member's configuration. */
    public Properties consumerProperties() {
        Map<String, Object> explicit = new HashMap<>(Map.of(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.resetToEarliest() ? "earliest" : "latest"));
        if (settings.staticMember()) {
            // A restarted detector takes its partitions back at once instead of waiting out the old session.
            explicit.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId());
        }
        Properties properties = kafka.build(
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords(),
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024,
                        // A crashed detector's partitions move on after 10 s, not Kafka's default 45 s.
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000,
                        // A rebalance leaves the partitions a detector keeps (and their windows) where they are.
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()),
                explicit,
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        return GroupProtocols.adapt(properties);
    }

    /** The group member. */
    public KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The member's static name in the group, when it has one. */
    String groupInstanceId() {
        return "anomaly-detector-" + settings.instanceId();
    }

    /**
     * A producer as the detector uses it, transactions initialised for exactly-once.
     *
     * @throws KafkaException when Kafka does not answer within the timeout (then it is closed)
     */
    public Producer<byte[], byte[]> newProducer() {
        Map<String, Object> forced = new HashMap<>(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        if (settings.guarantee() == Guarantee.EXACTLY_ONCE) {
            forced.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "anomaly-detector-" + settings.groupId() + "-"
                    + settings.instanceId());
        }
        Producer<byte[], byte[]> producer = new KafkaProducer<>(kafka.build(
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE,
                        // A batch that starts while the previous transaction's markers are still being written is
                        // told to retry (CONCURRENT_TRANSACTIONS) after this backoff: the default 100 ms put a
                        // tenth of a second into the latency of many batches. Produce retries back off
                        // exponentially up to retry.backoff.max.ms (1 s); transactional requests retry at this
                        // fixed pace, bounded by max.block.ms.
                        ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10,
                        // A killed detector's open transaction blocks readers until it times out.
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
                                Math.max(1000, settings.timeout().toMillis()))),
                Map.of(), forced));
        if (settings.guarantee() == Guarantee.EXACTLY_ONCE) {
            try {
                producer.initTransactions();
            } catch (RuntimeException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
        }
        return producer;
    }

    /** The producer's {@code max.request.size}, after the user's overrides. */
    int maxRequestSize() {
        Properties built = kafka.build(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE), Map.of(),
                Map.of());
        return Integer.parseInt(built.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG).toString());
    }

    /** A reader of the state topic: no group, read_committed, so it sees exactly what was committed. */
    KafkaConsumer<byte[], byte[]> newStateReader() {
        return new KafkaConsumer<>(kafka.build(
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024),
                Map.of(),
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Settings for an admin client of the same cluster. */
    Properties adminProperties(Duration timeout) {
        int millis = (int) Math.max(1000, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return kafka.build(Map.of(), Map.of("default.api.timeout.ms", millis, "request.timeout.ms", millis),
                Map.of());
    }
}
