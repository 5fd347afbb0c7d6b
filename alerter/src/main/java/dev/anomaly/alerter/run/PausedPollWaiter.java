package dev.anomaly.alerter.run;

import dev.anomaly.alerter.delivery.Waiter;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Waits between delivery attempts by polling the consumer with every partition paused: no record is
 * read, but the consumer stays in its group however long Slack is down (max.poll.interval.ms), and
 * Ctrl-C ({@code wakeup()}) ends the wait at once.
 */
final class PausedPollWaiter implements Waiter {
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final Consumer<String, byte[]> consumer;
    private final ShutdownSignal stop;

    PausedPollWaiter(Consumer<String, byte[]> consumer, ShutdownSignal stop) {
        this.consumer = consumer;
        this.stop = stop;
    }

    @Override
    public boolean await(Duration duration) {
        long deadline = System.nanoTime() + Math.max(0, duration.toNanos());
        try {
            while (!stop.isRequested()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                // Again each time: a rebalance during the wait may have assigned new, unpaused partitions.
                consumer.pause(consumer.assignment());
                ConsumerRecords<String, byte[]> records =
                        consumer.poll(Duration.ofNanos(Math.min(remaining, MAX_POLL.toNanos())));
                rewind(records);
            }
            return true;
        } catch (WakeupException e) {
            return true;
        } finally {
            consumer.resume(consumer.paused());
        }
    }

    /** Records of partitions assigned during the wait are read again after it, in order. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> fetched = records.records(partition);
            consumer.seek(partition, fetched.get(0).offset());
        }
    }
}
