package dev.anomaly.common.event;

import java.util.Locale;

/**
 * How bad a scored event is, ordered from none to worst: the one grading the detector writes
 * ({@code "severity"} in every scored record) and the alerter and the evaluator read. From confidence =
 * error / threshold (the tutorial's levels) above 2.0 HIGH, above 1.0 MEDIUM, otherwise NONE; the detector
 * may grade by likelihood instead, with the same names. How a severity looks in a message (emoji, wording)
 * is up to whoever formats the message.
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

    /**
     * The severity of an anomaly record, by its wire name (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException for anything but HIGH or MEDIUM
     */
    public static Severity ofAnomaly(String text) {
        String wanted = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (wanted.equals(HIGH.name())) {
            return HIGH;
        }
        if (wanted.equals(MEDIUM.name())) {
            return MEDIUM;
        }
        throw new IllegalArgumentException("severity '" + text + "' is neither HIGH nor MEDIUM");
    }

    /** Whether the event should be routed as an anomaly. */
    public boolean isAnomaly() {
        return this != NONE;
    }

    /** The worse of two severities. */
    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
