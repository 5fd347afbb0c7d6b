package dev.anomaly.model;

import java.util.Arrays;

/** Percentiles with linear interpolation between closest ranks (numpy's default). */
public final class Percentile {
    private Percentile() {
    }

    /**
     * The {@code p}-th percentile of {@code values}.
     *
     * @param p 0 to 100
     */
    public static double of(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be 0..100, got " + p);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, p);
    }

    /** As {@link #of}, for values already sorted ascending. */
    public static double ofSorted(double[] sorted, double p) {
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        double fraction = rank - below;
        return sorted[below] + (sorted[above] - sorted[below]) * fraction;
    }

    /** The share of values strictly above {@code limit}. */
    public static double shareAbove(double[] values, double limit) {
        if (values.length == 0) {
            return 0;
        }
        long above = Arrays.stream(values).filter(value -> value > limit).count();
        return above / (double) values.length;
    }
}
