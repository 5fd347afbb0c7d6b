package dev.anomaly.common.kafka;

import dev.anomaly.common.failure.ExplainedException;

/** Kafka could not be reached, or refused this client (credentials, permissions), explained in one line. */
public final class KafkaAccessException extends ExplainedException {
    private static final long serialVersionUID = 1L;

    public KafkaAccessException(String message) {
        super(message);
    }

    public KafkaAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
