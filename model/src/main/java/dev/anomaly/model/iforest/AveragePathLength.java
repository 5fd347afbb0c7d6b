package dev.anomaly.model.iforest;

/**
 * c(n), the average path length of an unsuccessful search in a binary search tree of n keys (Liu, Ting &amp;
 * Zhou 2008, eq. 1): the expected depth at which a random tree built on n rows would isolate one of them. It
 * normalises path lengths, and it estimates the depth still missing below a leaf that holds several rows
 * because the tree stopped at its height limit.
 */
public final class AveragePathLength {
    /** Euler–Mascheroni constant: H(i) ≈ ln(i) + γ. */
    static final double EULER_GAMMA = 0.5772156649015329;

    private AveragePathLength() {
    }

    /** c(n) = 2H(n − 1) − 2(n − 1)/n, with c(1) = c(0) = 0 and c(2) = 1. */
    public static double of(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a node holds 0 or more rows, got " + n);
        }
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            // The approximation of H(1) gives 0.577 · 2 − 1 ≈ 0.15; one comparison is exact.
            return 1;
        }
        double previous = n - 1;
        return 2 * (Math.log(previous) + EULER_GAMMA) - 2 * previous / n;
    }
}
