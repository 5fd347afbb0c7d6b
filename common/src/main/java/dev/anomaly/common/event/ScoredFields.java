package dev.anomaly.common.event;

import java.util.Set;

/**
 * The fields {@code detect} adds to an event, by name: the JSON fields of every scored record and the CSV
 * columns of a scored file. Spelled here once for the detector that writes them and the alerter and the
 * evaluator that read them.
 */
public final class ScoredFields {
    public static final String ERROR = "error";
    /** The model's error for this event alone, before calibration; today the same number as {@link #ERROR}. */
    public static final String RAW_ERROR = "raw_error";
    /** How unusual the host's recent errors are for it (0..1), null while it warms up or without likelihood. */
    public static final String LIKELIHOOD = "likelihood";
    public static final String THRESHOLD = "threshold";
    public static final String CONFIDENCE = "confidence";
    /** {@link Severity}'s name, or {@link #NORMAL} / {@link #UNSCORED}. */
    public static final String SEVERITY = "severity";
    public static final String IS_ANOMALY = "is_anomaly";
    public static final String CONTRIBUTIONS = "contributions";
    /**
     * Per feature, the value the model expected, in the feature's unit: the autoencoder's reconstruction, the
     * host's typical median for the forests.
     */
    public static final String EXPECTED = "expected";
    /** Per feature, the host's typical range before this event: {@code [5th percentile, 95th percentile]}. */
    public static final String TYPICAL = "typical";
    /** The alert rules that did not let the model's anomaly stand; absent when none. */
    public static final String SUPPRESSED_BY = "suppressed_by";
    /**
     * With {@code --for}, on an anomaly: ISO-8601 event time of the first event of its host's run of anomalies,
     * where the incident started.
     */
    public static final String ANOMALOUS_SINCE = "anomalous_since";
    public static final String MODEL_VERSION = "model_version";
    public static final String DETECTED_AT = "detected_at";
    /** Every field the detector adds to a JSON record. */
    public static final Set<String> FIELDS = Set.of(ERROR, RAW_ERROR, THRESHOLD, CONFIDENCE, LIKELIHOOD, SEVERITY,
            IS_ANOMALY, CONTRIBUTIONS, EXPECTED, TYPICAL, SUPPRESSED_BY, ANOMALOUS_SINCE, MODEL_VERSION,
            DETECTED_AT);
    /** The severity of a scored event below the threshold. */
    public static final String NORMAL = "NORMAL";
    /** The severity of an event not scored yet (its window is not full). */
    public static final String UNSCORED = "UNSCORED";

    private ScoredFields() {
    }
}
