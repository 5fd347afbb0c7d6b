package dev.anomaly.detector.loop;

import java.util.Collection;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The work of a {@link TransactionalLoop}: what each batch becomes. The loop owns the Kafka clients and
 * decides when a batch commits or is read again; the processor only turns records into output records and
 * keeps its state in step with what was committed.
 */
public interface BatchProcessor {
    /**
     * Turns one batch into output records, handed to {@code out} in order. Must not throw for anything a
     * record contains; a {@code KafkaException} (state that could not be read) aborts the batch, any other
     * exception stops the loop.
     */
    void process(ConsumerRecords<byte[], byte[]> records, Consumer<ProducerRecord<byte[], byte[]>> out);

    /**
     * Kafka refused one output for what it is (too large, a timestamp the topic refuses, no key for a
     * compacted topic...): the batch is aborted and read again, and the processor must then produce something
     * else for that output's source record, or the batch would fail the same way forever.
     *
     * @param output the refused output's index, in the order the last batch handed outputs to {@code out}
     */
    default void refused(int output, Exception cause) {
    }

    /** The last batch's outputs and input offsets are committed. */
    default void committed() {
    }

    /**
     * The last batch was not committed: its outputs are dropped and its records will be read again from the
     * committed offsets. State must return to what it was at those offsets.
     */
    default void aborted() {
    }

    /** Partitions newly owned (at start, after a rebalance); their records come from the committed offsets. */
    default void assigned(Collection<TopicPartition> partitions) {
    }

    /** Partitions no longer owned (revoked or lost in a rebalance). */
    default void revoked(Collection<TopicPartition> partitions) {
    }

    /** Called after every poll, before its batch: housekeeping such as model reloads. */
    default void betweenBatches(boolean idle) {
    }
}
