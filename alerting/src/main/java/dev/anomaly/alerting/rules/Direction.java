package dev.anomaly.alerting.rules;

import java.util.Locale;

/** Which way a feature may depart from what the model expected and still make an anomaly. */
public enum Direction {
    /** Only values above the expected one (a busier cpu, a slower response). */
    ABOVE,
    /** Only values below it (a drop in traffic). */
    BELOW,
    /** Either way: what every feature does without a rule. */
    BOTH;

    /** Whether a value {@code deviation} away from the expected one goes this way. */
    public boolean allows(double deviation) {
        return switch (this) {
            case ABOVE -> deviation > 0;
            case BELOW -> deviation < 0;
            case BOTH -> true;
        };
    }

    /** Parses {@code above}, {@code below} or {@code both}. */
    static Direction parse(String text) {
        for (Direction direction : values()) {
            if (direction.name().equalsIgnoreCase(text.trim())) {
                return direction;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is no direction; use above, below or both");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
