package dev.anomaly.alerter.run;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** How far the alerter has read its partitions: records not read yet are not silence of their hosts. */
final class ReadProgress {
    private static final Duration ASK_AT_MOST = Duration.ofSeconds(5);

    private final Consumer<?, ?> consumer;

    ReadProgress(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** Whether every assigned partition is read to its end, as the last fetch saw it; false without any. */
    boolean caughtUp() {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return false;
        }
        for (TopicPartition partition : assignment) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the broker confirms every assigned partition is read to its end (the lag alone may be stale). */
    boolean confirmedAtTheEnd() {
        Set<TopicPartition> assignment = consumer.assignment();
        try {
            var end = consumer.endOffsets(assignment, ASK_AT_MOST);
            for (TopicPartition partition : assignment) {
                if (consumer.position(partition, ASK_AT_MOST) < end.get(partition)) {
                    return false;
                }
            }
            return !assignment.isEmpty();
        } catch (KafkaException e) {
            // The broker cannot say (an outage): not known to be at the end.
            return false;
        }
    }
}
