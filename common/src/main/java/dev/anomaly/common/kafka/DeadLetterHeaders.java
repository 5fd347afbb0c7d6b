package dev.anomaly.common.kafka;

/**
 * The headers every tool puts on a dead letter, so that one reader (or {@code kafka-console-consumer
 * --property print.headers=true}) understands the dead letters of {@code detect} and {@code ingest} alike.
 */
public final class DeadLetterHeaders {
    /** Why the record was refused, as a code such as {@code not_json}. */
    public static final String REASON = "dlq.reason";
    /** What exactly was wrong, for a human. */
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** The source record's timestamp (epoch milliseconds, and its type), when it had one. */
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";
    /** {@code true} when the dead letter had to be cut to fit the topic. */
    public static final String TRUNCATED = "dlq.truncated";
    /** Of a truncated dead letter: {@code key=N value=N} (and {@code headers=N}) bytes of the original. */
    public static final String ORIGINAL_SIZE = "dlq.original.size";

    private DeadLetterHeaders() {
    }
}
