package dev.anomaly.detector.loop;

import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Waits by polling with every partition paused: no record is read, but the consumer stays in its group
 * however long Kafka or the recovery takes (max.poll.interval.ms), rebalances are served, and Ctrl-C
 * ({@code wakeup()}) ends the wait at once.
 */
final class PausedPoll implements Pause {
    private static final Duration SLICE = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final ShutdownSignal stop;
    private final LongSupplier nanoTime;

    PausedPoll(Consumer<byte[], byte[]> consumer, ShutdownSignal stop, LongSupplier nanoTime) {
        this.consumer = consumer;
        this.stop = stop;
        this.nanoTime = nanoTime;
    }

    private void sleepUntil(long deadline) {
        try {
            stop.awaitRequest(Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request();
        }
    }

    @Override
    public void await(Duration duration) {
        long deadline = nanoTime.getAsLong() + duration.toNanos();
        try {
            while (!stop.isRequested()) {
                long remaining = deadline - nanoTime.getAsLong();
                if (remaining <= 0) {
                    return;
                }
                if (consumer.subscription().isEmpty()) {
                    // Not subscribed yet (at start): nothing to keep alive.
                    stop.awaitRequest(Duration.ofNanos(remaining));
                    continue;
                }
                // Again each time: a rebalance during the wait may have assigned new, unpaused partitions.
                consumer.pause(consumer.assignment());
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(Math.min(remaining,
                        SLICE.toNanos())));
                for (TopicPartition partition : records.partitions()) {
                    // Records of partitions assigned during the wait are read again after it, in order.
                    consumer.seek(partition, records.records(partition).get(0).offset());
                }
            }
        } catch (WakeupException e) {
            stop.request();
        } catch (FencedInstanceIdException | AuthenticationException | AuthorizationException hopeless) {
            throw hopeless;
        } catch (KafkaException e) {
            // Polling fails too: wait out the rest without it, so a failure that repeats cannot spin.
            sleepUntil(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request();
        } finally {
            consumer.resume(consumer.paused());
        }
    }
}
