package dev.anomaly.detector.loop;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Where a polled batch starts in each of its partitions, and the offsets that commit it. */
final class BatchPositions {
    private BatchPositions() {
    }

    /** The offset of each partition's first record in the batch. */
    static Map<TopicPartition, Long> starts(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            starts.put(partition, records.records(partition).get(0).offset());
        }
        return starts;
    }

    /** One past each partition's last record in the batch: what a commit of the batch stores. */
    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            var inPartition = records.records(partition);
            ConsumerRecord<byte[], byte[]> last = inPartition.get(inPartition.size() - 1);
            offsets.put(partition, new OffsetAndMetadata(last.offset() + 1));
        }
        return offsets;
    }
}
