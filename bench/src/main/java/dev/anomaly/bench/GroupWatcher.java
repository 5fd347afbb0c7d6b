package dev.anomaly.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Watches a consumer group of a child JVM from outside, through the admin client: whether it has been
 * assigned partitions yet, and how many input records it has committed. Committed offsets are what a
 * read_committed reader can rely on: for exactly-once they move with the transaction that wrote the
 * outputs, for at-least-once after the outputs were flushed.
 */
final class GroupWatcher {
    private static final long CALL_TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String group;
    private final String topic;

    GroupWatcher(Admin admin, String group, String topic) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
    }

    /** Input records committed so far: the sum of the group's committed offsets on the input topic. */
    long committed() throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = call(() -> admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
            if (entry.getKey().topic().equals(topic) && entry.getValue() != null) {
                sum += entry.getValue().offset();
            }
        }
        return sum;
    }

    /** Whether a member of the group owns partitions of the input topic. */
    boolean assigned() throws InterruptedException {
        return membersAssigned() > 0;
    }

    /** How many members of the group own partitions of the input topic. */
    int membersAssigned() throws InterruptedException {
        ConsumerGroupDescription description;
        try {
            description = call(() -> admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (BenchException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
        int assigned = 0;
        for (MemberDescription member : description.members()) {
            if (member.assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic))) {
                assigned++;
            }
        }
        return assigned;
    }

    private <T> T call(AdminCall<T> call) throws InterruptedException {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw new BenchException("cannot read consumer group " + group + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new BenchException("the broker did not describe consumer group " + group + " within "
                    + CALL_TIMEOUT_SECONDS + " s", e);
        }
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }
}
