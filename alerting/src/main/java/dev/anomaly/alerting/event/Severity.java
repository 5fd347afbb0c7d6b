package dev.anomaly.alerting.event;

import java.util.Locale;

/** How far an anomaly is beyond the model's threshold, as the detector grades it; ordered from mild to worst. */
public enum Severity {
    /** Confidence (error / threshold) above 1. */
    MEDIUM("\u26a0\ufe0f"),
    /** Confidence (error / threshold) above 2. */
    HIGH("\ud83d\udd25");

    private final String emoji;

    Severity(String emoji) {
        this.emoji = emoji;
    }

    /** The emoji operators see first in Slack: a fire for HIGH, a warning sign for MEDIUM. */
    public String emoji() {
        return emoji;
    }

    /** The emoji and the name, e.g. {@code 🔥 HIGH}. */
    public String badge() {
        return emoji + " " + name();
    }

    /**
     * The severity with this wire name.
     *
     * @throws IllegalArgumentException for anything but HIGH or MEDIUM
     */
    public static Severity parse(String text) {
        String wanted = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Severity severity : values()) {
            if (severity.name().equals(wanted)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("severity '" + text + "' is neither HIGH nor MEDIUM");
    }

    /** The worse of two severities. */
    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
