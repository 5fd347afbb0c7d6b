package dev.anomaly.detector.stream;

import dev.anomaly.detector.loop.CommittedOffsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnstableOffsetCommitException;

/**
 * The group's committed offsets through a short-lived admin client: a fresh connection to the coordinator.
 * Stable offsets only: a transaction's commit markers are written after its commit returns, so an unstable
 * read can miss a batch that did commit, and reading it again would repeat its outputs. The admin client does
 * not wait for them to settle as a consumer does: it leaves such partitions out of its answer, so a partition
 * left out is an error to retry, never "not committed".
 */
final class GroupOffsetsReader implements CommittedOffsets {
    private final Properties admin;
    private final String groupId;
    private final Duration timeout;

    GroupOffsetsReader(Properties admin, String groupId, Duration timeout) {
        this.admin = admin;
        this.groupId = groupId;
        this.timeout = timeout;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> read(Set<TopicPartition> partitions) {
        ListConsumerGroupOffsetsSpec spec = new ListConsumerGroupOffsetsSpec().topicPartitions(List.copyOf(partitions));
        try (Admin client = Admin.create(admin)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = client.listConsumerGroupOffsets(Map.of(groupId, spec),
                            new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata(groupId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return committedOnly(partitions, offsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while reading the committed offsets", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka
                    : new KafkaException("cannot read the committed offsets", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("the committed offsets of group " + groupId + " did not come within "
                    + timeout.toSeconds() + " s");
        }
    }

    /**
     * The committed offsets in an admin answer: null means never committed, and a partition missing from it
     * had an error (a transactional commit still pending, for one), so the whole answer is retried.
     */
    static Map<TopicPartition, OffsetAndMetadata> committedOnly(Set<TopicPartition> asked,
                                                               Map<TopicPartition, OffsetAndMetadata> answer) {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        for (TopicPartition partition : asked) {
            if (!answer.containsKey(partition)) {
                throw new UnstableOffsetCommitException("the committed offset of " + partition
                        + " is not settled yet");
            }
            OffsetAndMetadata offset = answer.get(partition);
            if (offset != null) {
                committed.put(partition, offset);
            }
        }
        return committed;
    }
}
