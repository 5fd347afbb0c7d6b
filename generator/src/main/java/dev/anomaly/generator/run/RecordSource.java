package dev.anomaly.generator.run;

import dev.anomaly.common.sink.OutgoingRecord;
import java.time.Instant;
import java.util.Optional;

/** Records to send, in order, each with its simulated or recorded time when it has one. */
public interface RecordSource extends AutoCloseable {
    /** The next record, or empty when the source is exhausted. */
    Optional<Item> next();

    /** Whether items carry times that real-time pacing can follow. */
    boolean timed();

    @Override
    void close();

    /**
     * @param record what to send
     * @param time simulated or recorded time, or null
     */
    record Item(OutgoingRecord record, Instant time) {
    }
}
