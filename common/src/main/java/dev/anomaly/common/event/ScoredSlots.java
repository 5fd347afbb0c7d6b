package dev.anomaly.common.event;

import java.util.List;

/**
 * A batch of scored events as {@link ScoredEventJson} writes them, by slot: what the event said, how it was
 * read, and what the detector made of it. The detector's batch is the one implementation; the interface keeps
 * the record format in common without common knowing the detector.
 */
public interface ScoredSlots {
    /** A time that is not there (no {@code anomalous_since}). */
    long NO_TIME = ParsedRecord.NO_TIME;

    /** The host the event was scored as. */
    String key(int slot);

    /** Event time, epoch milliseconds. */
    long time(int slot);

    /** The model's features, in the model's order. */
    double[] values(int slot);

    String label(int slot);

    String episode(int slot);

    /** Whether the input's bytes can be passed on with the fields appended (strict JSON, nothing dropped). */
    boolean copySafe(int slot);

    /** Whether the input already has one of {@link ScoredFields#FIELDS}. */
    boolean hasOutputField(int slot);

    boolean hasHostField(int slot);

    boolean hasTimeField(int slot);

    /** False while the host's window fills: the event has no score yet. */
    boolean scored(int slot);

    /** Whether the event stands as an anomaly (after the alert rules). */
    boolean isAnomaly(int slot);

    double error(int slot);

    double threshold(int slot);

    double confidence(int slot);

    /** NaN without a likelihood. */
    double likelihood(int slot);

    Severity severity(int slot);

    /** Feature {@code feature}'s share of the error. */
    float share(int slot, int feature);

    /** The value the model expected of the feature, in its unit; not finite when unknown. */
    double expected(int slot, int feature);

    /** The host's typical range of the feature; not finite when unknown. */
    double typicalLow(int slot, int feature);

    double typicalHigh(int slot, int feature);

    /** The alert rules that did not let the model's anomaly stand; empty when none. */
    List<String> suppressionNames(int slot);

    /** Event time of the first event of the run of anomalies this one ends, or {@link #NO_TIME}. */
    long anomalousSince(int slot);
}
