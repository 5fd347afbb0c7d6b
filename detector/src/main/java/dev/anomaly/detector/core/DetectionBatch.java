package dev.anomaly.detector.core;

import dev.anomaly.common.event.RejectReason;
import java.util.Arrays;

/**
 * One poll's records on their way through the detector, in columns that are reused from batch to batch:
 * the front end (Kafka or CSV) fills keys, times and values or a rejection; {@link Detector#score} fills
 * outcomes, errors and shares.
 */
public final class DetectionBatch {
    private final int features;
    private int size;
    private String[] keys = new String[0];
    private int[] partitions = new int[0];
    private long[] times = new long[0];
    private double[][] values = new double[0][];
    private Outcome[] outcomes = new Outcome[0];
    private RejectReason[] reasons = new RejectReason[0];
    private String[] details = new String[0];
    private double[] errors = new double[0];
    private double[] thresholds = new double[0];
    private float[] shares = new float[0];

    public DetectionBatch(int features) {
        this.features = features;
    }

    /** Empties the batch, keeping room for {@code capacity} records. */
    public void reset(int capacity) {
        if (keys.length < capacity) {
            keys = new String[capacity];
            partitions = new int[capacity];
            times = new long[capacity];
            double[][] grown = new double[capacity][];
            for (int i = 0; i < capacity; i++) {
                grown[i] = i < values.length ? values[i] : new double[features];
            }
            values = grown;
            outcomes = new Outcome[capacity];
            reasons = new RejectReason[capacity];
            details = new String[capacity];
            errors = new double[capacity];
            thresholds = new double[capacity];
            shares = new float[capacity * features];
        }
        Arrays.fill(outcomes, 0, size, null);
        Arrays.fill(reasons, 0, size, null);
        Arrays.fill(details, 0, size, null);
        size = 0;
    }

    /**
     * Adds a valid record; copy its feature values into {@link #values(int)} of the returned slot.
     *
     * @return the record's index in the batch
     */
    public int addValid(String key, int partition, long epochMillis) {
        int slot = size++;
        keys[slot] = key;
        partitions[slot] = partition;
        times[slot] = epochMillis;
        return slot;
    }

    /** Adds a record that cannot be scored. */
    public int addRejected(int partition, RejectReason reason, String detail) {
        int slot = size++;
        keys[slot] = null;
        partitions[slot] = partition;
        reject(slot, reason, detail);
        return slot;
    }

    void reject(int slot, RejectReason reason, String detail) {
        outcomes[slot] = Outcome.REJECTED;
        reasons[slot] = reason;
        details[slot] = detail;
    }

    void warmingUp(int slot) {
        outcomes[slot] = Outcome.WARMING_UP;
    }

    void scored(int slot, double error, double threshold) {
        errors[slot] = error;
        thresholds[slot] = threshold;
        outcomes[slot] = error > threshold ? Outcome.ANOMALY : Outcome.NORMAL;
    }

    void share(int slot, int feature, float share) {
        shares[slot * features + feature] = share;
    }

    public int size() {
        return size;
    }

    public int features() {
        return features;
    }

    public String key(int slot) {
        return keys[slot];
    }

    public int partition(int slot) {
        return partitions[slot];
    }

    public long time(int slot) {
        return times[slot];
    }

    /** The record's feature values, to fill after {@link #addValid} and read after scoring. */
    public double[] values(int slot) {
        return values[slot];
    }

    /** Null until scored; rejected records have it from the start. */
    public Outcome outcome(int slot) {
        return outcomes[slot];
    }

    public RejectReason reason(int slot) {
        return reasons[slot];
    }

    public String detail(int slot) {
        return details[slot];
    }

    /** The error of a scored record. */
    public double error(int slot) {
        return errors[slot];
    }

    /** The threshold a scored record was judged against (an online model's moves with the stream). */
    public double threshold(int slot) {
        return thresholds[slot];
    }

    /** error / threshold of a scored record. */
    public double confidence(int slot) {
        return errors[slot] / thresholds[slot];
    }

    /** Feature {@code feature}'s share of a scored record's error. */
    public float share(int slot, int feature) {
        return shares[slot * features + feature];
    }
}
