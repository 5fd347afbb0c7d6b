package dev.anomaly.common.sink;

import dev.anomaly.common.event.MetricEvent;

/**
 * A record ready for a sink: its key, its JSON value, and the event it came from when it was generated
 * (replayed rows have no typed event).
 *
 * @param key the partitioning key (the host), or null
 * @param json the value, UTF-8 JSON
 * @param event the generated event, or null for replayed rows
 */
public record OutgoingRecord(String key, byte[] json, MetricEvent event) {
}
