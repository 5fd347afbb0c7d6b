package dev.anomaly.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-feature affine scaling {@code (x − center) / scale}, fitted on training data only and saved with
 * the model. Standardisation uses mean and standard deviation; min-max uses minimum and range.
 *
 * @param kind how it was fitted
 * @param center per feature: the mean or the minimum
 * @param scale per feature: the standard deviation or the range; never zero
 */
public record Scaler(ScalerKind kind, double[] center, double[] scale) {
    /**
     * A constant feature's scale, relative to its value (absolute for a feature that is always 0): any
     * departure from the constant is then thousands of units away, an anomaly however small.
     */
    static final double MIN_SCALE = 1e-9;
    /**
     * Scaled values are clipped to this: only a constant feature's departures come near it (other features
     * that far are implausible, see {@link FeatureRanges}), and the model's float inputs and squared errors
     * stay finite however far they go.
     */
    public static final double MAX_SCALED = 1e6;

    public Scaler {
        Objects.requireNonNull(kind, "kind");
        center = center.clone();
        scale = scale.clone();
        if (center.length == 0 || center.length != scale.length) {
            throw new IllegalArgumentException("center and scale must have the same, non-zero length");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!Double.isFinite(center[i]) || !Double.isFinite(scale[i]) || scale[i] <= 0) {
                throw new IllegalArgumentException("scaler value " + i + " is not usable: center " + center[i]
                        + ", scale " + scale[i]);
            }
        }
    }

    /**
     * Fits a scaler to rows of raw feature values.
     *
     * @param rows one row per event, {@code featureCount} values each
     */
    public static Scaler fit(ScalerKind kind, double[][] rows, int featureCount) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a scaler to no data");
        }
        double[] center = new double[featureCount];
        double[] scale = new double[featureCount];
        for (int f = 0; f < featureCount; f++) {
            if (kind == ScalerKind.STANDARD) {
                double mean = 0;
                for (double[] row : rows) {
                    mean += row[f];
                }
                mean /= rows.length;
                double variance = 0;
                for (double[] row : rows) {
                    double d = row[f] - mean;
                    variance += d * d;
                }
                center[f] = mean;
                scale[f] = Math.sqrt(variance / rows.length);
            } else {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double[] row : rows) {
                    min = Math.min(min, row[f]);
                    max = Math.max(max, row[f]);
                }
                center[f] = min;
                scale[f] = max - min;
            }
            if (isConstant(rows, f)) {
                // The constant itself, not a mean that rounding may have moved off it by an ulp.
                center[f] = rows[0][f];
                scale[f] = Math.max(MIN_SCALE, Math.abs(rows[0][f]) * MIN_SCALE);
            } else {
                scale[f] = Math.max(MIN_SCALE, scale[f]);
            }
        }
        return new Scaler(kind, center, scale);
    }

    private static boolean isConstant(double[][] rows, int feature) {
        double first = rows[0][feature];
        for (double[] row : rows) {
            if (row[feature] != first) {
                return false;
            }
        }
        return true;
    }

    /** Number of features this scaler was fitted on. */
    public int featureCount() {
        return center.length;
    }

    /** Scales the raw value of feature {@code feature}, clipped to ±{@link #MAX_SCALED}. */
    public double apply(int feature, double raw) {
        double scaled = (raw - center[feature]) / scale[feature];
        return Math.max(-MAX_SCALED, Math.min(MAX_SCALED, scaled));
    }

    /** The raw value of a scaled value of feature {@code feature}: the inverse of {@link #apply}, unclipped. */
    public double invert(int feature, double scaled) {
        return center[feature] + scaled * scale[feature];
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scaler that && kind == that.kind && Arrays.equals(center, that.center)
                && Arrays.equals(scale, that.scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(center), Arrays.hashCode(scale));
    }

    @Override
    public String toString() {
        return "Scaler[" + kind.id() + ", center=" + Arrays.toString(center) + ", scale=" + Arrays.toString(scale) + "]";
    }
}
