package dev.anomaly.evaluator.metrics;

import java.util.Arrays;

/**
 * Mean, median and maximum of the detection delays of the detected episodes, in one unit (events or
 * simulated seconds). With no detected episode there is no delay: the values are NaN.
 *
 * @param count detected episodes the statistics are over
 * @param mean arithmetic mean
 * @param median middle value (the mean of the two middle values for an even count)
 * @param max largest delay
 */
public record DelayStats(long count, double mean, double median, double max) {
    /** No detected episode. */
    public static final DelayStats NONE = new DelayStats(0, Double.NaN, Double.NaN, Double.NaN);

    public DelayStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        if (count > 0 && !(mean >= 0 && median >= 0 && max >= median && max >= mean)) {
            throw new IllegalArgumentException("delays must be finite, non-negative and at most max: mean=" + mean
                    + " median=" + median + " max=" + max);
        }
    }

    /** The statistics of these delays (any order); {@link #NONE} when empty. */
    public static DelayStats of(double[] delays) {
        if (delays.length == 0) {
            return NONE;
        }
        double[] sorted = delays.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new DelayStats(n, Arrays.stream(sorted).sum() / n, median, sorted[n - 1]);
    }

    /** Whether any episode was detected, so the values mean something. */
    public boolean isDefined() {
        return count > 0;
    }
}
