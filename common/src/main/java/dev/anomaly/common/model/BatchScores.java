package dev.anomaly.common.model;

/**
 * Per-event results of scoring one batch: the reconstruction error and each feature's share of it.
 * Reused from batch to batch to keep the hot path free of allocations.
 */
public final class BatchScores {
    private final int features;
    private double[] errors = new double[0];
    private float[] shares = new float[0];
    private int rows;

    public BatchScores(int features) {
        this.features = features;
    }

    /** Makes room for {@code count} events and forgets the previous batch. */
    void reset(int count) {
        if (errors.length < count) {
            errors = new double[count];
            shares = new float[count * features];
        }
        rows = count;
    }

    void set(int row, double error) {
        errors[row] = error;
    }

    void setShare(int row, int feature, float share) {
        shares[row * features + feature] = share;
    }

    /** Events in the batch. */
    public int rows() {
        return rows;
    }

    /** Features per event. */
    public int features() {
        return features;
    }

    /** Mean squared error over the event's scaled metric inputs. */
    public double error(int row) {
        return errors[row];
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
