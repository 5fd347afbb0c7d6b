package dev.anomaly.common.sink;

import dev.anomaly.common.kafka.KafkaAccessException;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records to a Kafka topic with a producer tuned for throughput (batching, lz4) and idempotence, so
 * retries after a broker hiccup neither lose nor duplicate records.
 */
public final class KafkaEventSink implements EventSink {
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String servers;
    private final Duration timeout;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    KafkaEventSink(Producer<String, byte[]> producer, String topic, String servers, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.servers = servers;
        this.timeout = timeout;
    }

    /**
     * Checks that Kafka answers within {@code timeout} and that the topic exists (creating it if not), then
     * opens the producer.
     */
    public static KafkaEventSink open(KafkaClientSettings settings, String topic, Duration timeout) {
        KafkaConnectivity.awaitTopics(settings, timeout, java.util.List.of(topic));
        long timeoutMs = Math.max(1000, timeout.toMillis());
        var properties = settings.build(
                Map.of(ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                        ProducerConfig.LINGER_MS_CONFIG, 10,
                        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                        // An outage shorter than --timeout is waited out: records stay buffered until then.
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
                                Math.max(120_000, timeoutMs))),
                Map.of(),
                Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        String servers = settings.effectiveBootstrapServers();
        try {
            return new KafkaEventSink(new KafkaProducer<>(properties), topic, servers, timeout);
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(servers, timeout, e);
        }
    }

    @Override
    public void send(OutgoingRecord record) {
        failIfAnyFailed();
        try {
            producer.send(new ProducerRecord<>(topic, record.key(), record.json()), (metadata, error) -> {
                if (error == null) {
                    acknowledged.incrementAndGet();
                } else {
                    firstFailure.compareAndSet(null, error);
                }
            });
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(servers, timeout, e);
        }
    }

    @Override
    public void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(servers, timeout, e);
        }
        failIfAnyFailed();
    }

    /** Records Kafka has confirmed. */
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private void failIfAnyFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            KafkaAccessException described = KafkaConnectivity.describe(servers, timeout, failure);
            throw new KafkaAccessException("sending to " + topic + " failed: " + described.getMessage(), failure);
        }
    }
}
