package dev.anomaly.model;

import java.util.Arrays;

/**
 * The range each feature took in training, to tell data errors from anomalies: a negative value of a
 * feature that was never negative (a percentage, a duration) or a value a thousand standard deviations
 * away is a broken record, not an anomaly, and goes to the dead letters instead of raising an alert. A
 * feature that was constant in training has no spread to measure that by: any other value of it is an
 * anomaly.
 *
 * @param min per feature, the smallest training value
 * @param max per feature, the largest training value
 */
public record FeatureRanges(double[] min, double[] max) {
    /** Values further than this many scale units from the centre are implausible. */
    public static final double MAX_SCALED_DISTANCE = 1000;
    /**
     * The scale unit is at least this share of the feature's size in training: a quiet history (an idle
     * machine's CPU at 2% give or take 0.03) must not make a busy hour (99%) a broken record. Found by
     * CollectdIngestIT on a loaded machine: a model trained on 30 idle seconds dead-lettered every busy event.
     */
    static final double MIN_SCALE_SHARE = 0.1;

    public FeatureRanges {
        min = min.clone();
        max = max.clone();
        if (min.length != max.length) {
            throw new IllegalArgumentException("min and max must have one value per feature");
        }
    }

    /** The ranges of {@code rows} (one row per event). */
    public static FeatureRanges of(double[][] rows, int features) {
        double[] min = new double[features];
        double[] max = new double[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                min[f] = Math.min(min[f], row[f]);
                max[f] = Math.max(max[f], row[f]);
            }
        }
        return new FeatureRanges(min, max);
    }

    /**
     * The index of the first implausible value, or -1 when all are plausible.
     *
     * @param scaler the model's scaler, which says how far is far
     */
    public int firstImplausible(double[] values, Scaler scaler) {
        double[] center = scaler.center();
        double[] scale = scaler.scale();
        for (int f = 0; f < values.length; f++) {
            if (min[f] >= 0 && values[f] < 0) {
                return f;
            }
            if (min[f] == max[f]) {
                continue;
            }
            double unit = Math.max(scale[f], MIN_SCALE_SHARE * Math.max(Math.abs(min[f]), Math.abs(max[f])));
            if (!(Math.abs(values[f] - center[f]) <= MAX_SCALED_DISTANCE * unit)) {
                return f;
            }
        }
        return -1;
    }

    /** Whether feature {@code f} took one value only in training. */
    public boolean isConstant(int f) {
        return min[f] == max[f];
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureRanges that && Arrays.equals(min, that.min) && Arrays.equals(max, that.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "FeatureRanges[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
    }
}
