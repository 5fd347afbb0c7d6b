package dev.anomaly.alerting.event;

/**
 * Where a record sits in the anomalies topic: what the alerter commits once Slack has accepted the
 * message covering it.
 *
 * @param partition the topic partition
 * @param offset the record's offset in it
 */
public record SourcePosition(int partition, long offset) {
    public SourcePosition {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative: " + partition + "@"
                    + offset);
        }
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
