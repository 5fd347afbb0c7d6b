package dev.anomaly.detector.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidPartitionsException;

/**
 * Keeps a partition of the state topic for every input partition, also for partitions added to the input
 * topic while the detector runs (a batch writing to a state partition that does not exist would fail for
 * good).
 */
final class StatePartitions {
    private final Properties admin;
    private final String topic;
    private final Duration timeout;
    private int known;

    /** @param known how many partitions the state topic has now */
    StatePartitions(Properties admin, String topic, int known, Duration timeout) {
        this.admin = admin;
        this.topic = topic;
        this.known = known;
        this.timeout = timeout;
    }

    /**
     * Makes sure the state topic has partition {@code partition}.
     *
     * @throws KafkaException when it cannot be created now (the batch is then read again later)
     */
    void ensure(int partition) {
        if (partition < known) {
            return;
        }
        try (Admin client = Admin.create(admin)) {
            client.createPartitions(Map.of(topic, NewPartitions.increaseTo(partition + 1)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof InvalidPartitionsException)) {
                throw new KafkaException("cannot add partitions to the state topic " + topic, e.getCause());
            }
            // Someone else (another detector) added them first.
        } catch (TimeoutException e) {
            throw new KafkaException("cannot add partitions to the state topic " + topic + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
        known = partition + 1;
    }
}
