package dev.anomaly.common.event;

/** The detector's numbers as they are written in every output, JSON and CSV alike. */
public final class WireNumbers {
    private WireNumbers() {
    }

    /**
     * A number's digits as {@link #number} writes a finite one (a float's shortest form), whatever it is: the
     * scored CSV's cells, so CSV and stream agree.
     */
    public static String digits(double value) {
        return Float.toString((float) value);
    }

    /** Errors and confidences to 6 significant digits: enough to compare, short on the wire. */
    public static String number(double value) {
        float narrowed = (float) value;
        if (narrowed == 0 || !Float.isFinite(narrowed)) {
            // Beyond a float's range is no number JSON can carry either.
            return Float.isFinite(narrowed) ? "0.0" : "null";
        }
        return Float.toString(narrowed);
    }

    /**
     * A likelihood with the digits its threshold needs (0.99999 and 0.999999 must differ): three decimals, and
     * above 0.999 1 - likelihood to 4 significant digits; null when there is none.
     */
    public static String likelihood(double value) {
        if (Double.isNaN(value)) {
            return "null";
        }
        if (value >= 1) {
            return "1.0";
        }
        if (value < 0.999) {
            return Double.toString(Math.round(value * 1000) / 1000.0);
        }
        return new java.math.BigDecimal(1 - value).round(new java.math.MathContext(4)).negate()
                .add(java.math.BigDecimal.ONE).stripTrailingZeros().toPlainString();
    }

    /** A feature's share of the error as written (four decimals), so that every reader judges the same. */
    public static String share(float value) {
        return Double.toString(writtenShare(value));
    }

    /**
     * A share as the outputs write it (four decimals): detect judges its alert rules on this figure, so that an
     * alerter reading the record judges the same anomaly the same way, even at the boundary.
     */
    public static double writtenShare(float share) {
        return Math.round(share * 10_000) / 10_000.0;
    }
}
