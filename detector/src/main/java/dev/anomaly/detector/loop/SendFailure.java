package dev.anomaly.detector.loop;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Remembers the first failed send of a batch (so an at-least-once batch is not committed, and a batch
 * stops sending at once) and the first output Kafka refused for itself.
 */
final class SendFailure {
    private final AtomicReference<Exception> first = new AtomicReference<>();
    private final AtomicReference<Map.Entry<Integer, Exception>> refusal = new AtomicReference<>();

    void record(int index, Exception exception) {
        if (exception != null) {
            first.compareAndSet(null, exception);
            if (isAboutTheRecord(exception)) {
                refusal.compareAndSet(null, Map.entry(index, exception));
            }
        }
    }

    /** Tells the processor which output Kafka refused, if one was. */
    void reportRefusal(BatchProcessor processor) {
        Map.Entry<Integer, Exception> refused = refusal.get();
        if (refused != null) {
            processor.refused(refused.getKey(), refused.getValue());
        }
    }

    /** Failures that sending the same record again would repeat. */
    private static boolean isAboutTheRecord(Exception exception) {
        return exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
                || exception instanceof InvalidTimestampException || exception instanceof InvalidRecordException
                || exception instanceof CorruptRecordException
                || exception instanceof org.apache.kafka.common.errors.SerializationException;
    }

    boolean hasRefusal() {
        return refusal.get() != null;
    }

    boolean any() {
        return first.get() != null;
    }

    void throwIfAny() {
        Exception failure = first.get();
        if (failure != null) {
            throw failure instanceof KafkaException kafka ? kafka
                    : new KafkaException("a record was not stored", failure);
        }
    }
}
