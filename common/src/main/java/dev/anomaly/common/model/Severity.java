package dev.anomaly.common.model;

/**
 * How bad an event is, from its confidence = error / threshold (the tutorial's levels): above 2.0 HIGH,
 * above 1.0 MEDIUM, otherwise it is not an anomaly.
 */
public enum Severity {
    NONE,
    MEDIUM,
    HIGH;

    /** Confidence above which an event is HIGH. */
    public static final double HIGH_ABOVE = 2.0;
    /** Confidence above which an event is an anomaly (MEDIUM or HIGH). */
    public static final double ANOMALY_ABOVE = 1.0;

    public static Severity fromConfidence(double confidence) {
        if (confidence > HIGH_ABOVE) {
            return HIGH;
        }
        return confidence > ANOMALY_ABOVE ? MEDIUM : NONE;
    }

    /** Whether the event should be routed as an anomaly. */
    public boolean isAnomaly() {
        return this != NONE;
    }
}
