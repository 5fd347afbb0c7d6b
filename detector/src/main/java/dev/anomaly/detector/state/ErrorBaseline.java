package dev.anomaly.detector.state;

import java.nio.ByteBuffer;

/**
 * One host's anomaly likelihood, after Numenta's: how unusual the average of its last few model errors is
 * against the distribution of such averages on this host, as a probability (the normal distribution's, of
 * the average standardised by the host's median and spread).
 *
 * <p>Errors are compared as log(error / threshold + floor share): relative to the model's threshold, so a
 * baseline outlives a retrained model (every model's threshold is the same percentile of its own errors); far
 * below the threshold they all look alike, far above it they count by their ratio. The median and the spread are
 * robust to anomalies however many there are, as long as they are fewer than normal events: the spread comes
 * from the lower quartile (anomalies are large errors: they never reach it), and both are tracked by
 * stochastic approximation, moving {@link LikelihoodSettings#step()} spreads per event whatever the error's
 * size. So a burst of anomalies barely moves them, while a lasting change (a new level, new noise, a drift
 * the model does not know) becomes the new normal. A host's first {@link LikelihoodSettings#warmUp()} events
 * within the model's threshold form the baseline (mean and standard deviation); until then every event is
 * judged by the threshold instead. Events above it stay out of the warm-up (an anomaly's error would inflate
 * the spread for hundreds of events), unless the host has been above it most of the time: after
 * {@value LikelihoodSettings#WARM_UP_PATIENCE} times the warm-up's events, every event counts, so a host
 * that lives above the threshold gets its own baseline. Each event is judged before it is learnt. Mutable;
 * not thread-safe.
 */
final class ErrorBaseline {
    /** The quantile the spread is measured to, from the median: the lower quartile. */
    private static final double LOWER = 0.25;
    /** How many standard deviations below the median the lower quartile lies, for a normal distribution. */
    private static final double LOWER_DEPTH = 0.6744897501960817;
    private static final int HEADER_BYTES = 8 + 8 + 8 + 4 + 4;
    /**
     * While warming up, the state ends with the count of every event seen (those left out included), an int:
     * four bytes, so that it never looks like the state of another short window (eight bytes an event).
     */
    private static final int WARMING_BYTES = 4;

    private final double[] recent;
    private int next;
    private int filled;
    private long seen;
    /** Every event judged while warming up, those left out of the baseline included; -1 once warmed up. */
    private long warmingEvents;
    /** While warming up, the mean of the averages seen; then their median. */
    private double center;
    /** While warming up, the sum of squared deviations (Welford); then the lower quartile. */
    private double lower;

    ErrorBaseline(int shortWindow) {
        this.recent = new double[shortWindow];
    }

    /**
     * Judges one error of this host, then learns it.
     *
     * @param confidence the error divided by the model's threshold
     * @return the likelihood that the recent errors are unusual (0..1), or NaN while the host warms up (or
     *     for an error that is not a finite number, which is not learnt)
     */
    double judge(double confidence, LikelihoodSettings settings) {
        double value = Math.log(Math.max(confidence, 0) + settings.floorShare());
        if (!Double.isFinite(value)) {
            return Double.NaN;
        }
        recent[next] = value;
        next = (next + 1) % recent.length;
        filled = Math.min(filled + 1, recent.length);
        double sum = 0;
        for (int i = 0; i < filled; i++) {
            sum += recent[i];
        }
        double average = sum / filled;
        if (seen < settings.warmUp()) {
            warmingEvents = Math.max(warmingEvents, seen) + 1;
            if (confidence <= 1 || warmingEvents > (long) LikelihoodSettings.WARM_UP_PATIENCE * settings.warmUp()) {
                warmUp(average, settings.warmUp());
            }
            return Double.NaN;
        }
        warmingEvents = -1;
        double spread = Math.max((center - lower) / LOWER_DEPTH, settings.minSpread());
        double likelihood = 1 - upperTail((average - center) / spread);
        double step = settings.step() * spread;
        center += step * Math.signum(average - center);
        // Up by a quarter of two steps when above, down by three quarters when below: still where a quarter are.
        lower += 2 * step * (average < lower ? LOWER - 1 : LOWER);
        lower = Math.min(lower, center);
        seen++;
        return likelihood;
    }

    private void warmUp(double average, int warmUp) {
        seen++;
        double deviation = average - center;
        center += deviation / seen;
        lower += deviation * (average - center);
        if (seen == warmUp) {
            lower = center - LOWER_DEPTH * Math.sqrt(lower / seen);
            warmingEvents = -1;
        }
    }

    /** Bytes {@link #encodeTo} writes. */
    int encodedSize() {
        return HEADER_BYTES + recent.length * Double.BYTES + (warmingEvents < 0 ? 0 : WARMING_BYTES);
    }

    /**
     * The state; a warmed-up baseline is written as before warm-ups counted their events, so a detector of
     * that version still reads it.
     */
    void encodeTo(ByteBuffer buffer) {
        buffer.putLong(seen).putDouble(center).putDouble(lower).putInt(next).putInt(filled);
        for (double value : recent) {
            buffer.putDouble(value);
        }
        if (warmingEvents >= 0) {
            buffer.putInt((int) Math.min(warmingEvents, Integer.MAX_VALUE));
        }
    }

    /**
     * Reads what {@link #encodeTo} wrote, using all the buffer's remaining bytes.
     *
     * @return null when they are not a baseline of this short window (written with other settings, damaged)
     */
    static ErrorBaseline decode(ByteBuffer buffer, int shortWindow) {
        int size = HEADER_BYTES + shortWindow * Double.BYTES;
        boolean warming = buffer.remaining() == size + WARMING_BYTES;
        if (buffer.remaining() != size && !warming) {
            return null;
        }
        ErrorBaseline baseline = new ErrorBaseline(shortWindow);
        baseline.seen = buffer.getLong();
        baseline.center = buffer.getDouble();
        baseline.lower = buffer.getDouble();
        baseline.next = buffer.getInt();
        baseline.filled = buffer.getInt();
        for (int i = 0; i < shortWindow; i++) {
            baseline.recent[i] = buffer.getDouble();
        }
        // Written before warm-ups counted their events: every event it saw was learnt.
        baseline.warmingEvents = warming ? buffer.getInt() : baseline.seen;
        boolean valid = baseline.seen >= 0 && baseline.warmingEvents >= baseline.seen
                && baseline.next >= 0 && baseline.next < shortWindow
                && baseline.filled >= 0 && baseline.filled <= shortWindow && Double.isFinite(baseline.center)
                && Double.isFinite(baseline.lower);
        for (double value : baseline.recent) {
            valid &= Double.isFinite(value);
        }
        return valid ? baseline : null;
    }

    /**
     * P(Z &gt; z) for a standard normal Z, with a relative error below 1.2e-7 (Numerical Recipes' erfc
     * approximation), accurate far into the tail where {@code 1 - cdf} would round to 0.
     */
    static double upperTail(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * x);
        double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return z >= 0 ? erfc / 2 : 1 - erfc / 2;
    }
}
