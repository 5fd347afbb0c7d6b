package dev.anomaly.detector.stream;

import dev.anomaly.detector.state.HostWindows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the hosts' windows back from the state topic, the changelog the detector writes in each batch's
 * transaction (key: host, value: its window; partition: the input partition). Read with read_committed up
 * to its end, it holds exactly the state at the committed input offsets: what a partition's new owner, a
 * restarted detector or an aborted batch starts from.
 */
final class StateChangelog implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration timeout;

    /** @param consumer a consumer of its own (no group, read_committed), closed with this */
    StateChangelog(Consumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        this.consumer = consumer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * Replaces the state of {@code partition} in {@code windows} with what the changelog holds.
     *
     * @throws KafkaException when the changelog cannot be read to its end within the timeout
     * @return the changelog records read
     */
    long restore(int partition, HostWindows windows) {
        TopicPartition changelog = new TopicPartition(topic, partition);
        consumer.assign(List.of(changelog));
        consumer.seekToBeginning(List.of(changelog));
        long end = consumer.endOffsets(List.of(changelog), timeout).get(changelog);
        HostWindows.Restorer restorer = windows.restore(partition);
        long read = 0;
        long lastProgress = System.nanoTime();
        long position;
        long lastPosition = -1;
        while ((position = consumer.position(changelog, timeout)) < end) {
            if (position != lastPosition) {
                lastPosition = position;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                throw new KafkaException("cannot read the state topic " + changelog + " to its end (" + end
                        + ") within " + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(changelog)) {
                if (record.key() != null) {
                    restorer.apply(new String(record.key(), StandardCharsets.UTF_8), record.value());
                    read++;
                }
            }
        }
        restorer.done();
        consumer.unsubscribe();
        return read;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
