package dev.anomaly.detector.loop;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Puts a failed batch's partitions back where the group's committed offsets say, once the batch got as far as
 * asking for its commit: the commit may have landed though the client saw it fail.
 */
final class CommittedRewind {
    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final CommittedOffsets committedElsewhere;

    /**
     * @param committedElsewhere asked when the consumer cannot say in time; null: the consumer's failure stands
     */
    CommittedRewind(Consumer<byte[], byte[]> consumer, Duration timeout, CommittedOffsets committedElsewhere) {
        this.consumer = consumer;
        this.timeout = timeout;
        this.committedElsewhere = committedElsewhere;
    }

    /**
     * The batch's partitions back to their committed offsets, or to where the batch started if never
     * committed. The others were not moved by the batch: every earlier one was committed or rewound.
     *
     * @param batchStarts where the batch started, for the partitions still owned
     * @throws KafkaException when the committed offsets cannot be read (the caller tries again)
     */
    void rewind(Map<TopicPartition, Long> batchStarts) {
        if (batchStarts.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(batchStarts.keySet());
        batchStarts.forEach((partition, start) -> {
            OffsetAndMetadata offset = committed.get(partition);
            consumer.seek(partition, offset != null ? offset.offset() : start);
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Set<TopicPartition> partitions) {
        try {
            return consumer.committed(partitions, timeout);
        } catch (KafkaException e) {
            if (committedElsewhere == null || e instanceof WakeupException || e instanceof AuthenticationException
                    || e instanceof AuthorizationException) {
                throw e;
            }
            // Timed out: commit markers not written yet, or a coordinator connection stuck after a long outage.
            // Ask on a fresh connection, which says which partitions are still pending instead of waiting.
            return committedElsewhere.read(partitions);
        }
    }
}
