package dev.anomaly.model;

/**
 * One event's feature values with its host and time, as training collects them.
 *
 * @param key the host (Kafka key); windows and cycles are per host
 * @param epochMillis the event's time, or {@link #NO_TIME} when the data has none
 * @param values raw feature values, in {@link FeatureSpec#features()} order
 */
public record TimedSample(String key, long epochMillis, double[] values) {
    /** Marks a sample without a timestamp. */
    public static final long NO_TIME = dev.anomaly.common.event.ParsedRecord.NO_TIME;

    public boolean hasTime() {
        return epochMillis != NO_TIME;
    }
}
