package dev.anomaly.trainer.source;

import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricRecordParser;
import dev.anomaly.common.event.ParsedRecord;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.time.Durations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Collects normal training events from a topic: {@code N} events without an anomaly label, read without a
 * consumer group (training commits nothing). From {@code earliest} it reads the retained history up to
 * the end offsets seen at the start and keeps the newest {@code N}; from {@code latest} it waits for new
 * events. Either way it gives up after the timeout with exit code 3.
 */
public final class TopicTrainingCollector {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaClientSettings settings;
    private final String topic;
    private final List<String> features;
    private final int samples;
    private final StartPosition from;
    private final Duration timeout;
    private final HostField hostField;

    /** @param hostField where a record without a key names its host */
    public TopicTrainingCollector(KafkaClientSettings settings, String topic, List<String> features, int samples,
                                  StartPosition from, Duration timeout, HostField hostField) {
        this.hostField = hostField;
        this.settings = settings;
        this.topic = topic;
        this.features = List.copyOf(features);
        this.samples = samples;
        this.from = from;
        this.timeout = timeout;
    }

    /**
     * Collects the samples.
     *
     * @param progress receives the number of normal samples collected so far, now and then
     * @throws ExitException with code 3 when not enough samples arrive in time
     */
    public CollectedData collect(ShutdownSignal stop, LongConsumer progress) {
        KafkaConnectivity.awaitCluster(settings, timeout);
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            return collect(consumer, stop, progress);
        } catch (WakeupException e) {
            throw ExitException.failure("interrupted while collecting training samples");
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(settings.effectiveBootstrapServers(), timeout, e);
        }
    }

    /** The collection loop, on any consumer (tests use the real one against the test broker). */
    CollectedData collect(Consumer<String, byte[]> consumer, ShutdownSignal stop, LongConsumer progress) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        if (partitions.isEmpty()) {
            throw ExitException.failure("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        if (from == StartPosition.EARLIEST) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        Map<TopicPartition, Long> historyEnd = consumer.endOffsets(partitions, timeout);
        MetricRecordParser parser = new MetricRecordParser(features, MetricRecordParser.DEFAULT_MAX_BYTES, hostField);
        ParsedRecord parsed = new ParsedRecord(features.size());
        Deque<TrainingEvent> events = new ArrayDeque<>();
        long normal = 0;
        long labelled = 0;
        long rejected = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stop.isRequested()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                parser.parse(record.value(), parsed);
                if (!parsed.isValid()) {
                    rejected++;
                    continue;
                }
                String key = HostField.resolve(record.key(), parsed.host());
                long time = parsed.hasTime() ? parsed.epochMillis() : record.timestamp();
                boolean isLabelled = parsed.label() != null;
                events.addLast(new TrainingEvent(key, time, parsed.values().clone(), isLabelled));
                if (isLabelled) {
                    labelled++;
                } else {
                    normal++;
                }
            }
            // Keep the newest N normal events (and the labelled ones between them, which break windows).
            while (normal > samples) {
                TrainingEvent oldest = events.removeFirst();
                if (oldest.labelled()) {
                    labelled--;
                } else {
                    normal--;
                }
            }
            progress.accept(normal);
            if (normal >= samples && caughtUp(consumer, historyEnd)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new ExitException(ExitCode.NOT_ENOUGH_SAMPLES, "only " + normal + " of " + samples
                        + " normal samples arrived on " + topic + " within " + Durations.format(timeout)
                        + " (is a producer running? --from earliest uses the retained history)");
            }
        }
        if (stop.isRequested()) {
            throw ExitException.failure("stopped before " + samples + " samples were collected (" + normal + " so far)");
        }
        // Events older than the first kept normal one may be labelled leftovers: harmless, they are excluded.
        return new CollectedData(List.copyOf(events), normal, labelled, rejected, "topic " + topic);
    }

    private static boolean caughtUp(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> historyEnd) {
        for (Map.Entry<TopicPartition, Long> end : historyEnd.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private java.util.Properties consumerProperties() {
        return settings.build(
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
                                Math.max(1000, timeout.toMillis()))),
                Map.of(),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }
}
