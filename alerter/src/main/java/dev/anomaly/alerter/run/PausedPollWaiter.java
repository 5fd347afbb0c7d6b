package dev.anomaly.alerter.run;

import dev.anomaly.alerter.delivery.Waiter;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Waits between delivery attempts by polling the consumer with every partition paused: no record is
 * read, but the consumer stays in its group however long Slack is down (max.poll.interval.ms), and
 * Ctrl-C ({@code wakeup()}) ends the wait at once. A rebalance served meanwhile that takes away a
 * partition of the message being delivered ends the delivery: its anomalies are now another member's.
 */
final class PausedPollWaiter {
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final Consumer<String, byte[]> consumer;
    private final ShutdownSignal stop;
    private final Ownership ownership;

    PausedPollWaiter(Consumer<String, byte[]> consumer, ShutdownSignal stop, Ownership ownership) {
        this.consumer = consumer;
        this.stop = stop;
        this.ownership = ownership;
    }

    /**
     * The waiter for delivering a message that covers anomalies of {@code partitions}.
     *
     * @throws RevokedWhileDelivering from its {@code await} when one of them is revoked during the wait
     */
    Waiter delivering(Set<Integer> partitions) {
        long generation = ownership.generation();
        return duration -> {
            boolean stopped = await(duration);
            // Only when none is left: a message that also covers partitions still owned must go, or those
            // would never be reported (a host read from two partitions; its new owner may repeat part of it).
            if (!partitions.isEmpty()
                    && partitions.stream().noneMatch(partition -> ownership.keptSince(partition, generation))) {
                throw new RevokedWhileDelivering();
            }
            return stopped;
        };
    }

    private boolean await(Duration duration) {
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
        } catch (AuthenticationException | AuthorizationException | FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            // Kafka is away as well as Slack: wait out the rest without polling, so a failure cannot spin.
            try {
                return stop.awaitRequest(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return true;
            }
        } finally {
            // Partitions whose commit point is not known yet stay paused.
            java.util.Set<TopicPartition> resumed = new java.util.HashSet<>(consumer.paused());
            resumed.removeIf(partition -> !ownership.ready(partition.partition()));
            consumer.resume(resumed);
        }
    }

    /** Records of partitions assigned during the wait are read again after it, in order. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> fetched = records.records(partition);
            consumer.seek(partition, fetched.get(0).offset());
        }
    }

    /** A partition of the message being delivered was revoked: its new owner reports those anomalies. */
    static final class RevokedWhileDelivering extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RevokedWhileDelivering() {
            super("a partition of the message was revoked while it waited for Slack", null, false, false);
        }
    }
}
