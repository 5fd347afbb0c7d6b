package dev.anomaly.detector.state;

import java.nio.ByteBuffer;

/**
 * One host's typical values per feature: the median and the 5th and 95th percentiles of its recent values.
 * What an alert shows beside a value ("typical 18–44"), and the expected value of the forests, which have no
 * reconstruction to give.
 *
 * <p>Tracked by stochastic approximation, as the feature and error baselines are: each event moves every
 * estimate by a bounded step, a share of the host's spread, whatever the event's size, so an anomaly barely
 * moves them and a lasting change becomes typical (a new level 5 spreads away within about 100 events).
 * The host's first {@link #WARM_UP} events move them by a falling share of their distance (a running fit), so a
 * new host's range is its own after a few dozen events, not whatever it started from. Floats: three per
 * feature are all a host costs. Mutable; not thread-safe.
 */
final class TypicalRange {
    /** The quantiles the range spans. */
    static final double LOW = 0.05;
    static final double HIGH = 0.95;
    /** How far each estimate moves per event once warmed up, in spreads. */
    static final double STEP = 0.05;
    /** Events learnt by a running fit before the steady steps. */
    static final int WARM_UP = 20;
    /**
     * After the warm-up, the share of an event's distance from the median that still sets the move when it
     * exceeds the spread: a feature that was flat (no spread) still follows a lasting change.
     */
    static final double DISTANCE_SHARE = 0.1;
    /** The distance from the 5th to the 95th percentile of a normal distribution, in standard deviations. */
    private static final double SPAN = 2 * 1.6448536269514722;
    private static final int LEARNT_BYTES = 4;

    /** Per feature: low, centre, high. */
    private final float[] estimates;
    /** Events learnt, counted up to {@link #WARM_UP}. */
    private int learnt;

    TypicalRange(int features) {
        this.estimates = new float[3 * features];
    }

    int featureCount() {
        return estimates.length / 3;
    }

    /** The 5th percentile of the feature; NaN before the first event. */
    double low(int feature) {
        return learnt == 0 ? Double.NaN : estimates[3 * feature];
    }

    /** The median of the feature; NaN before the first event. */
    double centre(int feature) {
        return learnt == 0 ? Double.NaN : estimates[3 * feature + 1];
    }

    /** The 95th percentile of the feature; NaN before the first event. */
    double high(int feature) {
        return learnt == 0 ? Double.NaN : estimates[3 * feature + 2];
    }

    /** Learns one event; values that are not finite numbers are skipped. */
    void learn(double[] values) {
        boolean first = learnt == 0;
        double gain = Math.max(STEP, 1.0 / (learnt + 1));
        double distanceShare = learnt < WARM_UP ? 1 : DISTANCE_SHARE;
        for (int f = 0; f < featureCount(); f++) {
            double value = values[f];
            if (!Double.isFinite(value) || !Float.isFinite((float) value)) {
                continue;
            }
            int at = 3 * f;
            if (first) {
                estimates[at] = (float) value;
                estimates[at + 1] = (float) value;
                estimates[at + 2] = (float) value;
                continue;
            }
            double low = estimates[at];
            double centre = estimates[at + 1];
            double high = estimates[at + 2];
            double move = gain * Math.max((high - low) / SPAN, distanceShare * Math.abs(value - centre));
            centre += move * Math.signum(value - centre);
            // A quantile q stays where it is when it moves up by q of two moves above it, down by 1 - q below.
            low += 2 * move * (value < low ? LOW - 1 : LOW);
            high += 2 * move * (value > high ? HIGH : HIGH - 1);
            estimates[at] = (float) Math.min(low, centre);
            estimates[at + 1] = (float) centre;
            estimates[at + 2] = (float) Math.max(high, centre);
        }
        learnt = Math.min(learnt + 1, WARM_UP);
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
            valid &= Float.isFinite(range.estimates[i]);
        }
        for (int f = 0; f < features && valid; f++) {
            valid = range.estimates[3 * f] <= range.estimates[3 * f + 1]
                    && range.estimates[3 * f + 1] <= range.estimates[3 * f + 2];
        }
        return valid ? range : null;
    }
}
