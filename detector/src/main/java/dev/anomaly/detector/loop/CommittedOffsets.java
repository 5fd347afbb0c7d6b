package dev.anomaly.detector.loop;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The group's committed offsets, read another way than through the member's own consumer. */
@FunctionalInterface
public interface CommittedOffsets {
    /**
     * @return the committed offset of each partition that has one
     * @throws org.apache.kafka.common.KafkaException when Kafka does not answer
     */
    Map<TopicPartition, OffsetAndMetadata> read(Set<TopicPartition> partitions);
}
