package dev.anomaly.ingest.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp; for a record without one (CreateTime -1, from old clients) the partition's time so
 * far, or the clock: Kafka Streams' default would stop the whole application on such a record. The parser then
 * replaces it with the time the agent wrote in the record, when there is one.
 */
public final class RecordTimeOrNow implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return partitionTime >= 0 ? partitionTime : System.currentTimeMillis();
    }
}
