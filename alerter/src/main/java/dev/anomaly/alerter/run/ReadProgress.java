package dev.anomaly.alerter.run;

import dev.anomaly.common.kafka.EndOfInput;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** How far the alerter has read its partitions: records not read yet are not silence of their hosts. */
final class ReadProgress {
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
        return EndOfInput.reached(consumer);
    }
}
