package dev.anomaly.alerting.silence;

import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The silences topic: compacted, one partition, keyed by silence id, so that it holds the latest state of every
 * silence and any alerter, started any time, reads all of them from the beginning.
 */
public final class SilenceTopic {
    /** Where silences live unless named. */
    public static final String DEFAULT = "anomaly-silences";

    private final KafkaClientSettings settings;
    private final String topic;
    private final Duration timeout;

    public SilenceTopic(KafkaClientSettings settings, String topic, Duration timeout) {
        this.settings = settings;
        this.topic = topic;
        this.timeout = timeout;
    }

    public String name() {
        return topic;
    }

    /**
     * Creates the topic (compacted) if it does not exist.
     *
     * @throws ExitException when Kafka does not answer within the timeout or refuses
     */
    public void ensureExists() {
        String servers = settings.effectiveBootstrapServers();
        try (Admin admin = Admin.create(settings.build(Map.of(),
                Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis()), Map.of()))) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(topic)) {
                return;
            }
            NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(compacted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw KafkaConnectivity.describe(servers, timeout, e.getCause());
            }
        } catch (TimeoutException e) {
            throw KafkaConnectivity.describe(servers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExitException.failure("interrupted while creating " + topic, e);
        }
    }

    /**
     * Stores a silence (a new one, or a new state of one) and waits until Kafka has it.
     *
     * @throws ExitException when Kafka does not take it within the timeout
     */
    public void store(Silence silence) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.build(
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(), ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        Math.max(millis(), 30_000), ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        Math.min(millis(), 15_000)),
                Map.of(),
                Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all")),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, silence.id().getBytes(StandardCharsets.UTF_8),
                    SilenceJson.toBytes(silence))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ExitException.failure("Kafka did not store the silence within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw KafkaConnectivity.describe(settings.effectiveBootstrapServers(), timeout, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExitException.failure("interrupted while storing the silence", e);
        }
    }

    /** A consumer of the topic that joins no group (every alerter reads every silence) and commits nothing. */
    KafkaConsumer<byte[], byte[]> openReader() {
        return new KafkaConsumer<>(settings.build(Map.of(),
                Map.of(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis()),
                // Never created by a reader (a detector following it, a dry run): only compacted, by ensureExists.
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Reads every silence up to the topic's end into {@code silences}.
     *
     * @throws ExitException when the topic cannot be read to its end within the timeout
     */
    public void readAll(Silences silences) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = openReader()) {
            List<TopicPartition> partitions = assignFromStart(consumer);
            if (partitions.isEmpty()) {
                // A topic just created (hence empty) and not in the metadata yet, or, in a dry run, not created:
                // no silence to read. The follower assigns it once it appears.
                return;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw ExitException.failure("cannot read " + topic + " to its end within " + timeout.toSeconds()
                            + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> apply(record, silences));
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaConnectivity.describe(settings.effectiveBootstrapServers(), timeout, e);
        }
    }

    List<TopicPartition> assignFromStart(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /**
     * Applies one record: a silence (its key is its id), a tombstone, or (skipped, false) something that is not a
     * silence or whose id is not its key.
     */
    static boolean apply(ConsumerRecord<byte[], byte[]> record, Silences silences) {
        if (record.key() == null) {
            return false;
        }
        String id = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            silences.put(id, null);
            return true;
        }
        try {
            Silence silence = SilenceJson.parse(record.value());
            if (!silence.id().equals(id)) {
                return false;
            }
            silences.put(id, silence);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private int millis() {
        return (int) Math.max(1000, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
