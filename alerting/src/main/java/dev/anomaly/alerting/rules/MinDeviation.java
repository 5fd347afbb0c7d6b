package dev.anomaly.alerting.rules;

/**
 * How far a feature must be from what the model expected to make an anomaly: an amount in the feature's unit
 * ({@code 10}), or a share of the expected value ({@code 50%}).
 *
 * @param amount the least distance, or with {@code relative} the least share of the expected value (0.5 = 50%)
 * @param relative whether {@code amount} is a share of the expected value
 */
public record MinDeviation(double amount, boolean relative) {
    public MinDeviation {
        if (!(amount >= 0) || !Double.isFinite(amount)) {
            throw new IllegalArgumentException("a minimum deviation must be a number from 0 up, got " + amount);
        }
    }

    /** Whether {@code value} is at least this far from {@code expected}. */
    public boolean allows(double value, double expected) {
        double distance = Math.abs(value - expected);
        return distance >= (relative ? amount * Math.abs(expected) : amount);
    }

    /** Parses {@code 10}, {@code 2.5} or {@code 50%}. */
    static MinDeviation parse(String text) {
        String trimmed = text.trim();
        boolean relative = trimmed.endsWith("%");
        String number = relative ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
        double amount;
        try {
            amount = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is no minimum deviation; use an amount in the "
                    + "feature's unit (10) or a share of the expected value (50%)");
        }
        return new MinDeviation(relative ? amount / 100 : amount, relative);
    }

    @Override
    public String toString() {
        return relative ? (amount * 100) + "%" : Double.toString(amount);
    }
}
