package dev.anomaly.common.sink;

/**
 * Where generated or replayed records go. Implementations report failures as exceptions, never by
 * dropping records.
 */
public interface EventSink extends AutoCloseable {
    /** Sends one record; may return before it is stored (see {@link #flush()}). */
    void send(OutgoingRecord record);

    /** Waits until every record sent so far is stored, and fails if any was not. */
    void flush();

    /** A short description for messages, e.g. {@code Kafka topic system-metrics}. */
    String describe();

    @Override
    void close();
}
