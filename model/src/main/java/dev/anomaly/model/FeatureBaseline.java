package dev.anomaly.model;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One host's level and spread per feature: its median and quartiles, robust to its anomalies and following
 * its lasting changes. After the first fit they are tracked by stochastic approximation, as the detector's
 * error baselines are: each event moves them by at most a fixed share of the spread whatever its size, so a
 * burst of anomalies barely moves them while a new level or new noise becomes the host's normal after about
 * (change in spreads) / step events. Mutable; not thread-safe.
 */
public final class FeatureBaseline {
    /** The interquartile range of a standard normal distribution, in standard deviations. */
    static final double QUARTILE_SPAN = 1.3489795003921634;

    private final double[] centre;
    private final double[] lower;
    private final double[] upper;

    /**
     * @param centre per feature: the median
     * @param lower per feature: the lower quartile, at most the median
     * @param upper per feature: the upper quartile, at least the median
     */
    public FeatureBaseline(double[] centre, double[] lower, double[] upper) {
        if (centre.length == 0 || centre.length != lower.length || centre.length != upper.length) {
            throw new IllegalArgumentException("a baseline needs the same, non-zero number of medians and quartiles");
        }
        for (int f = 0; f < centre.length; f++) {
            if (!Double.isFinite(centre[f]) || !Double.isFinite(lower[f]) || !Double.isFinite(upper[f])
                    || lower[f] > centre[f] || upper[f] < centre[f]) {
                throw new IllegalArgumentException("baseline of feature " + f + " is not usable: quartiles "
                        + lower[f] + " and " + upper[f] + " around median " + centre[f]);
            }
        }
        this.centre = centre.clone();
        this.lower = lower.clone();
        this.upper = upper.clone();
    }

    /** The median and quartiles of each feature over {@code rows} (one event per row). */
    public static FeatureBaseline fit(double[][] rows, int features) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a baseline to no events");
        }
        double[] centre = new double[features];
        double[] lower = new double[features];
        double[] upper = new double[features];
        double[] column = new double[rows.length];
        for (int f = 0; f < features; f++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][f];
            }
            Arrays.sort(column);
            centre[f] = quantile(column, 0.5);
            lower[f] = Math.min(centre[f], quantile(column, 0.25));
            upper[f] = Math.max(centre[f], quantile(column, 0.75));
        }
        return new FeatureBaseline(centre, lower, upper);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    public int featureCount() {
        return centre.length;
    }

    /** The feature's median. */
    public double centre(int feature) {
        return centre[feature];
    }

    /** The feature's spread: the interquartile range in standard deviations of a normal distribution. */
    public double spread(int feature) {
        return (upper[feature] - lower[feature]) / QUARTILE_SPAN;
    }

    /**
     * Learns one event: each median moves towards the value, each quartile so that a quarter of the values
     * stay beyond it, all by {@code step} spreads (at least {@code floors}) per event.
     */
    public void learn(double[] raw, double step, double[] floors) {
        for (int f = 0; f < centre.length; f++) {
            double value = raw[f];
            if (!Double.isFinite(value)) {
                continue;
            }
            double move = step * Math.max(spread(f), floors[f]);
            centre[f] += move * Math.signum(value - centre[f]);
            // Down by three quarters of two moves when below, up by a quarter when above: a quarter stay below.
            lower[f] += 2 * move * (value < lower[f] ? -0.75 : 0.25);
            upper[f] += 2 * move * (value > upper[f] ? 0.75 : -0.25);
            lower[f] = Math.min(lower[f], centre[f]);
            upper[f] = Math.max(upper[f], centre[f]);
        }
    }

    /** An independent copy. */
    public FeatureBaseline copy() {
        return new FeatureBaseline(centre, lower, upper);
    }

    public double[] centres() {
        return centre.clone();
    }

    public double[] lowerQuartiles() {
        return lower.clone();
    }

    public double[] upperQuartiles() {
        return upper.clone();
    }

    /** Bytes {@link #encodeTo} writes for {@code features} features. */
    public static int encodedSize(int features) {
        return 3 * features * Double.BYTES;
    }

    public void encodeTo(ByteBuffer buffer) {
        for (int f = 0; f < centre.length; f++) {
            buffer.putDouble(centre[f]).putDouble(lower[f]).putDouble(upper[f]);
        }
    }

    /**
     * Reads what {@link #encodeTo} wrote.
     *
     * @return null when the bytes are not a usable baseline (damaged)
     */
    public static FeatureBaseline decode(ByteBuffer buffer, int features) {
        if (buffer.remaining() < encodedSize(features)) {
            return null;
        }
        double[] centre = new double[features];
        double[] lower = new double[features];
        double[] upper = new double[features];
        for (int f = 0; f < features; f++) {
            centre[f] = buffer.getDouble();
            lower[f] = buffer.getDouble();
            upper[f] = buffer.getDouble();
        }
        try {
            return new FeatureBaseline(centre, lower, upper);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureBaseline that && Arrays.equals(centre, that.centre)
                && Arrays.equals(lower, that.lower) && Arrays.equals(upper, that.upper);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(centre) * 31 * 31 + Arrays.hashCode(lower) * 31 + Arrays.hashCode(upper);
    }
}
