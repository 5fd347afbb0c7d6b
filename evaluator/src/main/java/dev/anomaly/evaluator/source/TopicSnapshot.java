package dev.anomaly.evaluator.source;

import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.time.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic's partitions and the end offsets seen when the evaluation started. Reading stops there, so
 * evaluating a finished run terminates even if producers carry on; with {@code read_committed} the end
 * offsets are the last stable offsets, so open transactions are not waited for.
 */
final class TopicSnapshot {
    private final String topic;
    private final Map<TopicPartition, Long> endOffsets;

    private TopicSnapshot(String topic, Map<TopicPartition, Long> endOffsets) {
        this.topic = topic;
        this.endOffsets = Map.copyOf(endOffsets);
    }

    /**
     * The topic's current end offsets.
     *
     * @throws ExitException when the topic does not exist
     */
    static TopicSnapshot take(Consumer<byte[], byte[]> consumer, String topic, Deadline deadline) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, deadline.remaining());
        if (partitions == null || partitions.isEmpty()) {
            throw ExitException.failure("topic " + topic + " does not exist");
        }
        List<TopicPartition> topicPartitions = partitions.stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        return new TopicSnapshot(topic, consumer.endOffsets(topicPartitions, deadline.remaining()));
    }

    /** Records up to the end offsets, sum over all partitions. */
    long records() {
        return endOffsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Reads every record before the end offsets from the beginning of the log, without a consumer group.
     *
     * @param handler receives each record and the topic name
     * @throws ExitException when the deadline passes first
     */
    void read(Consumer<byte[], byte[]> consumer, Deadline deadline,
              BiConsumer<String, ConsumerRecord<byte[], byte[]>> handler) {
        List<TopicPartition> partitions = List.copyOf(endOffsets.keySet());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long read = 0;
        while (true) {
            List<TopicPartition> unfinished = partitions.stream()
                    .filter(partition -> consumer.position(partition, deadline.remaining()) < endOffsets.get(partition))
                    .toList();
            if (unfinished.isEmpty()) {
                return;
            }
            if (deadline.passed()) {
                throw ExitException.failure(String.format(Locale.ROOT, "read %,d of %,d records of topic %s within "
                        + "%s; a longer --timeout gives it more time", read, records(), topic,
                        Durations.format(deadline.timeout())));
            }
            // Finished partitions stop fetching: their records beyond the snapshot would be discarded anyway.
            consumer.pause(partitions.stream().filter(partition -> !unfinished.contains(partition)).toList());
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(deadline.nextPoll())) {
                Long end = endOffsets.get(new TopicPartition(record.topic(), record.partition()));
                if (end != null && record.offset() < end) {
                    read++;
                    handler.accept(topic, record);
                }
            }
        }
    }
}
