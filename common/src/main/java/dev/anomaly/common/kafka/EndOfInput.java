package dev.anomaly.common.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** Whether a consumer has read its input to the end, by the broker's word rather than a lag that may be stale. */
public final class EndOfInput {
    private static final Duration ASK_AT_MOST = Duration.ofSeconds(5);

    private EndOfInput() {
    }

    /** Whether every assigned partition is read to the end the broker reports now (false if it cannot say). */
    public static boolean reached(Consumer<?, ?> consumer) {
        var assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return false;
        }
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment, ASK_AT_MOST);
            for (TopicPartition partition : assignment) {
                if (consumer.position(partition, ASK_AT_MOST) < end.get(partition)) {
                    return false;
                }
            }
            return true;
        } catch (KafkaException e) {
            // An unreachable broker is not the end: the partitions may be full of work.
            return false;
        }
    }
}
