package dev.anomaly.ingest.stream;

import dev.anomaly.ingest.format.HostReadings;

/** What the parser made of one record: one host's readings, or the record itself as a dead letter. */
sealed interface ParseOutcome {
    /** One host's readings, keyed by the host. */
    record Readable(HostReadings readings) implements ParseOutcome {
    }

    /** The record as it came, its reason in the headers. */
    record DeadLetter(byte[] key, byte[] value) implements ParseOutcome {
    }
}
