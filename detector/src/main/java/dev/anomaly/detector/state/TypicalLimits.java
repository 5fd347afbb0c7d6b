package dev.anomaly.detector.state;

import dev.anomaly.model.FeatureRanges;
import dev.anomaly.model.ModelMetadata;
import java.util.Arrays;

/**
 * What the model's training says about each feature's typical range: the least spread its steps assume (so a
 * feature that was flat still follows a lasting change) and whether it is never negative (so its range does
 * not reach below 0).
 *
 * @param floors per feature, the least spread {@link TypicalRange} steps by: a share of the training scale
 * @param nonNegative per feature, whether every training value was 0 or more
 */
public record TypicalLimits(double[] floors, boolean[] nonNegative) {
    /** The share of the model's scale (a standard deviation, or a min-max range) a floor is. */
    static final double FLOOR_SHARE = 0.01;

    public TypicalLimits {
        floors = floors.clone();
        nonNegative = nonNegative.clone();
        if (floors.length != nonNegative.length) {
            throw new IllegalArgumentException("floors and signs for different numbers of features");
        }
    }

    /** No knowledge of the features: no floor, any sign. */
    public static TypicalLimits none(int features) {
        return new TypicalLimits(new double[features], new boolean[features]);
    }

    /** The limits of a model's features, from its scaler and its training ranges. */
    public static TypicalLimits of(ModelMetadata model) {
        int features = model.spec().featureCount();
        double[] floors = new double[features];
        boolean[] nonNegative = new boolean[features];
        FeatureRanges ranges = model.ranges();
        for (int f = 0; f < features; f++) {
            floors[f] = FLOOR_SHARE * model.scaler().scale()[f];
            nonNegative[f] = ranges != null && ranges.min()[f] >= 0;
        }
        return new TypicalLimits(floors, nonNegative);
    }

    int featureCount() {
        return floors.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TypicalLimits that && Arrays.equals(floors, that.floors)
                && Arrays.equals(nonNegative, that.nonNegative);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(floors) + Arrays.hashCode(nonNegative);
    }

    @Override
    public String toString() {
        return "floors " + Arrays.toString(floors) + ", non-negative " + Arrays.toString(nonNegative);
    }
}
