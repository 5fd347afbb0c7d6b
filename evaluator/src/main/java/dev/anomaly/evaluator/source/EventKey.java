package dev.anomaly.evaluator.source;

/**
 * What ties a flagged event on the anomalies topic to its source event: the host and the timestamp.
 *
 * @param host the event's host
 * @param epochMillis the event's timestamp
 */
record EventKey(String host, long epochMillis) {
    EventKey {
        if (host == null) {
            throw new IllegalArgumentException("host must not be null");
        }
    }
}
