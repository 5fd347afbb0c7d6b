package dev.anomaly.alerter.run;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Hands a polled batch's records over in order, only those of partitions this member owns and knows the
 * commit point of. If a rebalance happens meanwhile (while a message waits for Slack), the rest is not
 * handed over: records of partitions still owned are read again from where this stopped, so no record is
 * handled twice and none of a partition no longer owned.
 */
final class OwnedBatches {
    private final Consumer<String, byte[]> consumer;
    private final Ownership ownership;

    OwnedBatches(Consumer<String, byte[]> consumer, Ownership ownership) {
        this.consumer = consumer;
        this.ownership = ownership;
    }

    void handle(ConsumerRecords<String, byte[]> records,
                java.util.function.Consumer<ConsumerRecord<String, byte[]>> handler) {
        long generation = ownership.generation();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (ownership.generation() != generation) {
                    rereadFrom(records, partition, record.offset(), generation);
                    return;
                }
                if (ownership.ready(record.partition())) {
                    handler.accept(record);
                } else if (ownership.owns(record.partition())) {
                    // Its commit point is not known yet: read again once it is.
                    consumer.seek(partition, record.offset());
                    break;
                }
            }
        }
    }

    /** After a rebalance mid-batch: owned partitions go back to their first record not handled. */
    private void rereadFrom(ConsumerRecords<String, byte[]> records, TopicPartition current, long offset,
                            long generation) {
        boolean after = false;
        for (TopicPartition partition : records.partitions()) {
            after |= partition.equals(current);
            // A partition revoked and assigned again (eager rebalancing) restarts from its committed offset.
            if (after && ownership.keptSince(partition.partition(), generation)) {
                consumer.seek(partition, partition.equals(current) ? offset : records.records(partition).get(0).offset());
            }
        }
    }
}
