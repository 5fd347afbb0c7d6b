package dev.anomaly.alerting.slack;

import dev.anomaly.common.event.Severity;

/** How a severity looks in a message: the emoji operators see first (a fire for HIGH, a warning sign for MEDIUM). */
public final class SeverityBadge {
    private SeverityBadge() {
    }

    /** The emoji of an anomaly's severity; none for NONE. */
    public static String emoji(Severity severity) {
        return switch (severity) {
            case HIGH -> "\ud83d\udd25";
            case MEDIUM -> "\u26a0\ufe0f";
            case NONE -> "";
        };
    }

    /** The emoji and the name, e.g. {@code 🔥 HIGH}. */
    public static String of(Severity severity) {
        return emoji(severity) + " " + severity.name();
    }
}
