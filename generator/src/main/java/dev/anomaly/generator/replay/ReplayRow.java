package dev.anomaly.generator.replay;

import dev.anomaly.common.sink.OutgoingRecord;
import java.time.Instant;

/**
 * A replayed CSV row.
 *
 * @param record the record to send
 * @param timestamp the row's recorded time, or null when the file has no timestamp column
 */
public record ReplayRow(OutgoingRecord record, Instant timestamp) {
}
