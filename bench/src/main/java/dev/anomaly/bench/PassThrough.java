package dev.anomaly.bench;

import dev.anomaly.common.event.MetricRecordParser;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.detector.loop.BatchProcessor;
import dev.anomaly.detector.loop.Guarantee;
import dev.anomaly.detector.loop.LoopSettings;
import dev.anomaly.detector.loop.Takeover;
import dev.anomaly.detector.loop.TransactionalLoop;
import dev.anomaly.detector.stream.DetectorClients;
import dev.anomaly.detector.stream.StreamSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The bench's baseline: the detector's transactional loop with the detector's clients, minus the detector.
 * Each polled record is sent on unchanged (key, value, headers); then, as the detector does, one transaction
 * per poll with {@code sendOffsetsToTransaction} for exactly-once, or a flush and {@code commitSync} for
 * at-least-once. The loop runs fail-fast: any Kafka error ends the run, since a benchmark that retried would
 * measure the retries.
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
            return StreamSettings.builder().inputTopic(inputTopic).anomaliesTopic(outputTopic)
                    .deadLetterTopic(outputTopic + ".unused-dlq").groupId(groupId).guarantee(guarantee)
                    .maxPollRecords(maxPollRecords).maxRecordBytes(MetricRecordParser.DEFAULT_MAX_BYTES)
                    .timeout(timeout).stopWhenIdle(stopWhenIdle).build();
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
        Copy copy = new Copy(settings.outputTopic());
        try (Consumer<byte[], byte[]> consumer = clients.newConsumer()) {
            activeConsumer.set(consumer);
            new TransactionalLoop(consumer, clients::newProducer,
                    new LoopSettings(List.of(settings.inputTopic()), settings.guarantee(), POLL, settings.timeout(),
                            settings.stopWhenIdle(), true),
                    copy, Takeover.NEVER, System.err::println, System::nanoTime).run(stop);
        } catch (WakeupException e) {
            // Stopped while blocked in poll: a clean stop.
        } finally {
            activeConsumer.set(null);
        }
        return copy.copied;
    }

    /** Sends every record on unchanged. */
    private static final class Copy implements BatchProcessor {
        private final String outputTopic;
        private long copied;
        private int pending;

        Copy(String outputTopic) {
            this.outputTopic = outputTopic;
        }

        @Override
        public void process(ConsumerRecords<byte[], byte[]> records,
                            java.util.function.Consumer<ProducerRecord<byte[], byte[]>> out) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                out.accept(new ProducerRecord<>(outputTopic, null, record.key(), record.value(), record.headers()));
            }
            pending = records.count();
        }

        @Override
        public void committed() {
            copied += pending;
            pending = 0;
        }
    }
}
