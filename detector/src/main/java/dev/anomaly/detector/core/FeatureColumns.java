package dev.anomaly.detector.core;

import java.util.Arrays;

/**
 * A batch's figures per record and feature, in flat columns reused from batch to batch: each feature's share
 * of the error, the value the model expected, and the host's typical range before the record.
 */
public final class FeatureColumns {
    private final int features;
    private float[] shares = new float[0];
    private double[] expected = new double[0];
    /** The host's typical low and high (5th and 95th percentiles). */
    private double[] typicalLow = new double[0];
    private double[] typicalHigh = new double[0];

    FeatureColumns(int features) {
        this.features = features;
    }

    /** Room for {@code capacity} records, expected values and typical ranges unknown (NaN); shares are overwritten. */
    void reset(int capacity) {
        int cells = capacity * features;
        if (shares.length < cells) {
            shares = new float[cells];
            expected = new double[cells];
            typicalLow = new double[cells];
            typicalHigh = new double[cells];
        }
        Arrays.fill(expected, 0, cells, Double.NaN);
        Arrays.fill(typicalLow, 0, cells, Double.NaN);
        Arrays.fill(typicalHigh, 0, cells, Double.NaN);
    }

    void share(int slot, int feature, float share) {
        shares[slot * features + feature] = share;
    }

    void expected(int slot, int feature, double value) {
        expected[slot * features + feature] = value;
    }

    void typical(int slot, int feature, double low, double high) {
        typicalLow[slot * features + feature] = low;
        typicalHigh[slot * features + feature] = high;
    }

    /** Feature {@code feature}'s share of a scored record's error. */
    public float share(int slot, int feature) {
        return shares[slot * features + feature];
    }

    /**
     * The value the model expected of feature {@code feature} in a scored record, in the feature's own unit:
     * the autoencoder's reconstruction, for the forests (which reconstruct nothing) the host's typical median;
     * NaN when there is none (a forest without per-host state, a host's first event) or for a record that was
     * not scored.
     */
    public double expected(int slot, int feature) {
        return expected[slot * features + feature];
    }

    /**
     * The low end of the host's typical range of feature {@code feature} before this record: its 5th
     * percentile, in the feature's unit; NaN without per-host state, for a host's first event or for a record
     * that was not scored.
     */
    public double typicalLow(int slot, int feature) {
        return typicalLow[slot * features + feature];
    }

    /** The high end of the host's typical range (its 95th percentile); see {@link #typicalLow}. */
    public double typicalHigh(int slot, int feature) {
        return typicalHigh[slot * features + feature];
    }
}
