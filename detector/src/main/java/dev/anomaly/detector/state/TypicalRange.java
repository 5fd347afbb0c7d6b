package dev.anomaly.detector.state;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One host's typical values per feature: the median and the 5th and 95th percentiles of its recent values.
 * What an alert shows beside a value ("typical 18–44"), and the expected value of the forests, which have no
 * reconstruction to give.
 *
 * <p>Tracked by stochastic approximation, as the feature and error baselines are: once warmed up, each event
 * moves every estimate by {@link #STEP} of the host's spread (at least the model's floor for the feature)
 * whatever the event's size, so an anomaly barely moves them and a lasting change becomes typical (a new level
 * 5 spreads away within about 100 events; a flat feature's spread grows from its floor by a few percent per
 * event). A feature's first {@link #WARM_UP} events move them by a falling share of their distance (a running
 * fit), so a new host's range is its own after a few dozen events. Floats: three per feature are all a host
 * costs; a feature whose spread is below about 1e-5 of its level moves in coarser steps than that. Mutable;
 * not thread-safe.
 */
final class TypicalRange {
    /** The quantiles the range spans. */
    static final double LOW = 0.05;
    static final double HIGH = 0.95;
    /** How far each estimate moves per event once warmed up, in spreads. */
    static final double STEP = 0.05;
    /** Events learnt by a running fit before the steady steps. */
    static final int WARM_UP = 20;
    /** The distance from the 5th to the 95th percentile of a normal distribution, in standard deviations. */
    private static final double SPAN = 2 * 1.6448536269514722;
    private static final int LEARNT_BYTES = 4;

    /** Per feature: low, centre, high; NaN until the feature's first value. */
    private final float[] estimates;
    /** Events learnt, counted up to {@link #WARM_UP}. */
    private int learnt;

    TypicalRange(int features) {
        this.estimates = new float[3 * features];
        Arrays.fill(estimates, Float.NaN);
    }

    int featureCount() {
        return estimates.length / 3;
    }

    /** The 5th percentile of the feature; NaN before its first value. */
    double low(int feature) {
        return estimates[3 * feature];
    }

    /** The median of the feature; NaN before its first value. */
    double centre(int feature) {
        return estimates[3 * feature + 1];
    }

    /** The 95th percentile of the feature; NaN before its first value. */
    double high(int feature) {
        return estimates[3 * feature + 2];
    }

    /** Learns one event; values that are not finite floats are skipped. */
    void learn(double[] values, TypicalLimits limits) {
        double gain = Math.max(STEP, 1.0 / (learnt + 1));
        boolean warm = learnt >= WARM_UP;
        for (int f = 0; f < featureCount(); f++) {
            double value = values[f];
            if (!Float.isFinite((float) value)) {
                continue;
            }
            int at = 3 * f;
            if (Float.isNaN(estimates[at + 1])) {
                store(at, value, value, value, limits.nonNegative()[f]);
                continue;
            }
            double low = estimates[at];
            double centre = estimates[at + 1];
            double high = estimates[at + 2];
            double spread = Math.max((high - low) / SPAN, limits.floors()[f]);
            // Warming up, a running fit: the move follows the distance; then it is bounded by the spread.
            double move = gain * (warm ? spread : Math.max(spread, Math.abs(value - centre)));
            if (!Double.isFinite(move)) {
                continue;
            }
            centre += move * Math.signum(value - centre);
            // A quantile q stays where it is when it moves up by q of two moves above it, down by 1 - q below.
            low += 2 * move * (value < low ? LOW - 1 : LOW);
            high += 2 * move * (value > high ? HIGH : HIGH - 1);
            store(at, Math.min(low, centre), centre, Math.max(high, centre), limits.nonNegative()[f]);
        }
        learnt = Math.min(learnt + 1, WARM_UP);
    }

    /** Keeps the three estimates as floats, in order, within a float's range and at 0 or more if they must. */
    private void store(int at, double low, double centre, double high, boolean nonNegative) {
        double least = nonNegative ? 0 : -Float.MAX_VALUE;
        estimates[at] = (float) Math.min(Float.MAX_VALUE, Math.max(least, low));
        estimates[at + 1] = (float) Math.min(Float.MAX_VALUE, Math.max(least, centre));
        estimates[at + 2] = (float) Math.min(Float.MAX_VALUE, Math.max(least, high));
    }

    /** Bytes {@link #encodeTo} writes for {@code features} features. */
    static int encodedSize(int features) {
        return LEARNT_BYTES + 3 * features * Float.BYTES;
    }

    void encodeTo(ByteBuffer buffer) {
        buffer.putInt(learnt);
        for (float estimate : estimates) {
            buffer.putFloat(estimate);
        }
    }

    /**
     * Reads what {@link #encodeTo} wrote.
     *
     * @return null when the bytes are not a range of this many features (damaged)
     */
    static TypicalRange decode(ByteBuffer buffer, int features) {
        if (buffer.remaining() < encodedSize(features)) {
            return null;
        }
        TypicalRange range = new TypicalRange(features);
        range.learnt = buffer.getInt();
        boolean valid = range.learnt >= 0 && range.learnt <= WARM_UP;
        for (int i = 0; i < range.estimates.length; i++) {
            range.estimates[i] = buffer.getFloat();
        }
        for (int f = 0; f < features && valid; f++) {
            float low = range.estimates[3 * f];
            float centre = range.estimates[3 * f + 1];
            float high = range.estimates[3 * f + 2];
            boolean unset = Float.isNaN(low) && Float.isNaN(centre) && Float.isNaN(high);
            valid = unset || Float.isFinite(low) && Float.isFinite(high) && low <= centre && centre <= high;
        }
        return valid ? range : null;
    }
}
