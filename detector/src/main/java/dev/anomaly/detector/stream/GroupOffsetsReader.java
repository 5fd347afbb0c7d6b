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

/**
 * The group's committed offsets through a short-lived admin client: a fresh connection to the coordinator,
 * and the stable view (pending transactional commits left out) instead of waiting for them to settle.
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
                            new ListConsumerGroupOffsetsOptions().requireStable(false))
                    .partitionsToOffsetAndMetadata(groupId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            // The admin API answers null for a partition without a committed offset.
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset);
                }
            });
            return committed;
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
}
