package dev.anomaly.common.event;

/** What a missing or unreadable {@code timestamp} field means for a record. */
public enum TimestampPolicy {
    /** The model does not use time: the field is not read. */
    IGNORE,
    /** A missing timestamp is fine (the caller falls back to the Kafka record time); an unreadable one is not. */
    OPTIONAL,
    /** The record needs a readable timestamp. */
    REQUIRED
}
