package dev.anomaly.common.event;

/**
 * A host's typical range of one feature, as {@code detect} writes it ({@code "typical": {"cpu_usage": [18.0,
 * 44.0]}}): its 5th and 95th percentiles before the event, in the feature's unit.
 */
public record TypicalRange(double low, double high) {
    public TypicalRange {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("a typical range needs two finite numbers, low first: " + low + ", "
                    + high);
        }
    }
}
