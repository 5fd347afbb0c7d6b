package dev.anomaly.detector.stream;

import dev.anomaly.detector.core.Detector;
import dev.anomaly.detector.state.HostWindows;
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
     * Replaces the state of {@code partition} in {@code detector} (its windows and its learner) with what the
     * changelog holds as of input offset {@code inputOffset}: read with read_committed to its end, and on until
     * the partition's latest checkpoint reaches that offset (the committed batch's records become visible a
     * moment after its input offsets do). A changelog without a checkpoint that far (written by at-least-once
     * runs, or lost) is taken as it is after the timeout, with a warning.
     *
     * @throws KafkaException when the changelog cannot be read at all within the timeout
     * @return the changelog records read
     */
    long restore(int partition, long inputOffset, Detector detector, java.util.function.Consumer<String> warnings) {
        HostWindows windows = detector.windows();
        TopicPartition changelog = new TopicPartition(topic, partition);
        consumer.assign(List.of(changelog));
        consumer.seekToBeginning(List.of(changelog));
        HostWindows.Restorer restorer = windows.restore(partition);
        long read = 0;
        long checkpoint = -1;
        java.util.Map<Integer, byte[]> learnerParts = new java.util.HashMap<>();
        byte[] learnerProgress = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        long end = consumer.endOffsets(List.of(changelog), timeout).get(changelog);
        while (true) {
            long position = consumer.position(changelog, timeout);
            if (position >= end) {
                if (checkpoint >= inputOffset || checkpoint < 0 && read == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    warnings.accept("the state topic " + changelog + " holds the windows as of input offset "
                            + checkpoint + ", not " + inputOffset + ": restored what it has");
                    break;
                }
                // The last committed batch's records are not visible yet: look for the end again.
                end = consumer.endOffsets(List.of(changelog), timeout).get(changelog);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(changelog)) {
                int part = StateRecords.learnerPart(record.key());
                if (StateRecords.isCheckpoint(record.key())) {
                    checkpoint = Math.max(checkpoint, StateRecords.checkpointOffset(record.value()));
                } else if (part >= 0) {
                    if (record.value() == null) {
                        learnerParts.remove(part);
                    } else {
                        learnerParts.put(part, record.value());
                    }
                } else if (StateRecords.isLearnerProgress(record.key())) {
                    learnerProgress = record.value();
                } else {
                    String host = StateRecords.host(record.key());
                    // Windows that keep no state never wrote any: what is there is another run's, out of date.
                    if (host != null && windows.isStateful()) {
                        restorer.apply(host, record.value());
                        read++;
                    }
                }
            }
            if (System.nanoTime() > deadline && consumer.position(changelog, timeout) < end) {
                throw new KafkaException("cannot read the state topic " + changelog + " to its end (" + end
                        + ") within " + timeout.toSeconds() + " s");
            }
        }
        restorer.done();
        // Progress an earlier run left behind (one that did not learn moved the checkpoint on) is not ours.
        boolean current = learnerProgress != null && StateRecords.learnerProgressOffset(learnerProgress) == checkpoint;
        if (!detector.restoreLearner(partition, current ? StateRecords.learnerProgress(learnerProgress) : null,
                learnerParts::get)) {
            warnings.accept("what the model learnt from partition " + partition + " in " + changelog
                    + " is another model's or incomplete: its learning starts again from the trained model");
        }
        consumer.unsubscribe();
        return read;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
