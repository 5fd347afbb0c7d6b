package dev.anomaly.cli.bench;

import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.detector.stream.Guarantee;
import dev.anomaly.detector.stream.StreamSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The bench's baseline: the detector's loop with the detector's clients, minus the detector. Each polled
 * record is sent on unchanged (key, value, headers) with the same per-send callback; then, as the
 * detector does, one transaction per poll with {@code sendOffsetsToTransaction} for exactly-once, or a
 * flush and {@code commitSync} for at-least-once. Any Kafka error ends the run: a benchmark that retried
 * would measure the retries.
 */
final class PassThrough {
    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * @param bootstrapServers the bench's broker
     * @param inputTopic the preloaded topic
     * @param outputTopic where the copies go
     * @param groupId a fresh group, so the whole input is read
     * @param guarantee exactly-once or at-least-once, as for {@code detect}
     * @param maxPollRecords {@code detect}'s default
     * @param timeout {@code detect}'s default --timeout (the producer's max.block.ms comes from it)
     * @param stopWhenIdle stop after this long without records once partitions are assigned
     */
    record Settings(String bootstrapServers, String inputTopic, String outputTopic, String groupId,
                    Guarantee guarantee, int maxPollRecords, Duration timeout, Duration stopWhenIdle) {
        Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(inputTopic, "inputTopic");
            Objects.requireNonNull(outputTopic, "outputTopic");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(guarantee, "guarantee");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(stopWhenIdle, "stopWhenIdle");
        }

        /** The detector's stream settings for this run; they decide its client configuration. */
        StreamSettings streamSettings() {
            return new StreamSettings(inputTopic, outputTopic, Optional.empty(), Optional.empty(),
                    outputTopic + ".unused-dlq", groupId, guarantee, true, maxPollRecords,
                    dev.anomaly.common.event.MetricRecordParser.DEFAULT_MAX_BYTES, Duration.ofSeconds(5), timeout,
                    UUID.randomUUID().toString(), false, stopWhenIdle);
        }
    }

    private final Settings settings;
    private final AtomicReference<Consumer<byte[], byte[]>> activeConsumer = new AtomicReference<>();

    PassThrough(Settings settings) {
        this.settings = settings;
    }

    /** Interrupts a blocking poll (the shutdown hook calls it). */
    void wakeup() {
        Consumer<byte[], byte[]> consumer = activeConsumer.get();
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    /** Copies until the input stays idle or a stop is requested; returns the records copied. */
    long run(ShutdownSignal stop) {
        DetectorClients clients = new DetectorClients(KafkaClientSettings.of(settings.bootstrapServers()),
                settings.streamSettings());
        long copied = 0;
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             Producer<byte[], byte[]> producer = clients.newProducer()) {
            activeConsumer.set(consumer);
            consumer.subscribe(List.of(settings.inputTopic()));
            long lastRecords = System.nanoTime();
            while (!stop.isRequested()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (consumer.assignment().isEmpty()) {
                        lastRecords = System.nanoTime();
                    } else if (System.nanoTime() - lastRecords > settings.stopWhenIdle().toNanos()) {
                        break;
                    }
                    continue;
                }
                lastRecords = System.nanoTime();
                copy(records, consumer, producer);
                copied += records.count();
            }
        } catch (WakeupException e) {
            // Stopped while blocked in poll: a clean stop.
        } finally {
            activeConsumer.set(null);
        }
        return copied;
    }

    private void copy(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer,
                      Producer<byte[], byte[]> producer) {
        boolean exactlyOnce = settings.guarantee() == Guarantee.EXACTLY_ONCE;
        if (exactlyOnce) {
            producer.beginTransaction();
        }
        SendFailure failure = new SendFailure();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            producer.send(new ProducerRecord<>(settings.outputTopic(), null, record.key(), record.value(),
                    record.headers()), failure);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        if (exactlyOnce) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } else {
            producer.flush();
            failure.throwIfAny();
            consumer.commitSync(offsets);
        }
    }

    /** Remembers the first failed send of a batch, as the detector does. */
    private static final class SendFailure implements Callback {
        private final AtomicReference<Exception> first = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                first.compareAndSet(null, exception);
            }
        }

        void throwIfAny() {
            Exception failure = first.get();
            if (failure != null) {
                throw failure instanceof KafkaException kafka ? kafka
                        : new KafkaException("a record was not stored", failure);
            }
        }
    }
}
