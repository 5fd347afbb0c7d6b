package dev.anomaly.bench;

/** Nearest-rank percentiles of sorted values: no interpolation, every result is a measured value. */
final class Percentiles {
    private Percentiles() {
    }

    /**
     * The smallest value with at least {@code percentile} percent of the values at or below it.
     *
     * @param sorted values in ascending order, at least one
     * @param percentile in (0, 100]
     */
    static long of(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        // The small tolerance keeps 99.9 % of 1,000 at rank 999 despite floating-point rounding.
        int rank = (int) Math.ceil(percentile * sorted.length / 100 - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
