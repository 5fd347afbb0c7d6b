package dev.anomaly.model;

/**
 * Per-event results of scoring one batch: the error, the threshold it is judged against (the model's, or
 * for an online model the one it has learnt so far), each feature's share of the anomaly and, where the
 * model gives it, each feature's expected value (on the model's input scale). Reused from batch to batch to
 * keep the hot path free of allocations.
 */
public final class BatchScores {
    private final int features;
    private double[] errors = new double[0];
    private double[] thresholds = new double[0];
    private float[] shares = new float[0];
    private float[] expected = new float[0];
    private int rows;

    public BatchScores(int features) {
        this.features = features;
    }

    /** Makes room for {@code count} events and forgets the previous batch. */
    public void reset(int count) {
        if (errors.length < count) {
            errors = new double[count];
            thresholds = new double[count];
            shares = new float[count * features];
            expected = new float[count * features];
        }
        java.util.Arrays.fill(expected, 0, count * features, Float.NaN);
        rows = count;
    }

    /** Records a row's error and the threshold it is judged against. */
    public void set(int row, double error, double threshold) {
        errors[row] = error;
        thresholds[row] = threshold;
    }

    public void setShare(int row, int feature, float share) {
        shares[row * features + feature] = share;
    }

    /** The value the model expected of a feature, on its input scale (the scaler's units). */
    public void setExpected(int row, int feature, float value) {
        expected[row * features + feature] = value;
    }

    /** What {@link #setExpected} recorded, or NaN when the model gives no expected value (the forests). */
    public float expected(int row, int feature) {
        return expected[row * features + feature];
    }

    /** Events in the batch. */
    public int rows() {
        return rows;
    }

    /** Features per event. */
    public int features() {
        return features;
    }

    /** The event's error-like score (for the autoencoder: the mean squared error over its scaled features). */
    public double error(int row) {
        return errors[row];
    }

    /** The threshold the event's error is judged against: above it, the event is an anomaly. */
    public double threshold(int row) {
        return thresholds[row];
    }

    /** Feature {@code feature}'s share of the event's error, 0 to 1; the shares of an event sum to 1. */
    public float share(int row, int feature) {
        return shares[row * features + feature];
    }

    /** The errors of the batch, copied. */
    public double[] errors() {
        return java.util.Arrays.copyOf(errors, rows);
    }
}
