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
 * After a failed batch, puts the partitions this member read back where the group's stable committed offsets
 * say: what the broker holds as committed, whatever the client saw (a commit it saw fail may have landed, one it
 * saw succeed may have been aborted by a broker restart).
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
     * Each partition back to its committed offset, or to the first offset read of it if the group never
     * committed one.
     *
     * @param firstReads the partitions this member read since it got them, with the first offset read of each
     * @throws KafkaException when the committed offsets cannot be read (the caller tries again)
     */
    void rewind(Map<TopicPartition, Long> firstReads) {
        if (firstReads.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(firstReads.keySet());
        firstReads.forEach((partition, first) -> {
            OffsetAndMetadata offset = committed.get(partition);
            consumer.seek(partition, offset != null ? offset.offset() : first);
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
