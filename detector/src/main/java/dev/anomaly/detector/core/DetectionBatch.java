package dev.anomaly.detector.core;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.event.ScoredSlots;
import dev.anomaly.common.event.Severity;
import dev.anomaly.detector.state.HostState;
import java.util.Arrays;

/**
 * One poll's records on their way through the detector, in columns that are reused from batch to batch:
 * the front end (Kafka or CSV) fills keys, times and values or a rejection; {@link Detector#score} fills
 * outcomes, errors and shares.
 */
public final class DetectionBatch {
    /** The record holds a field the detector adds: a copy must drop it first. */
    public static final int HAS_OUTPUT_FIELD = 1;
    /** The record's bytes must not be copied into an output (see {@code ParsedRecord#isCopySafe}). */
    public static final int NOT_COPY_SAFE = 2;
    /** The record has a usable {@code host} field. */
    public static final int HAS_HOST_FIELD = 4;
    /** The record has a usable {@code timestamp} field. */
    public static final int HAS_TIME_FIELD = 8;

    private final int features;
    private final FeatureColumns perFeature;
    private final ScoredBatchView scoredView = new ScoredBatchView(this);
    private int size;
    private String[] keys = new String[0];
    private int[] partitions = new int[0];
    private long[] times = new long[0];
    private double[][] values = new double[0][];
    private Outcome[] outcomes = new Outcome[0];
    private RejectReason[] reasons = new RejectReason[0];
    private String[] details = new String[0];
    private int[] flags = new int[0];
    private String[] labels = new String[0];
    private String[] episodes = new String[0];
    private double[] errors = new double[0];
    private double[] thresholds = new double[0];
    private double[] likelihoods = new double[0];
    private Severity[] severities = new Severity[0];
    /** Per slot: the alert rules that turned its anomaly into a normal event (bits), or 0. */
    private int[] suppressedBy = new int[0];
    /** Per scored slot: its host's state, which the alert rules extend ({@code --for}). */
    private HostState[] hostStates = new HostState[0];
    /** Per scored slot: its host's clock as of the event ({@link HostState#clock()}). */
    private long[] hostClocks = new long[0];
    /** Per slot: event time of the first event of the run of anomalies it ends, or {@link #NO_TIME}. */
    private long[] anomalousSince = new long[0];
    /** No event time: the slot has no run of anomalies behind it. */
    public static final long NO_TIME = dev.anomaly.common.event.ParsedRecord.NO_TIME;

    public DetectionBatch(int features) {
        this.features = features;
        this.perFeature = new FeatureColumns(features);
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
            flags = new int[capacity];
            labels = new String[capacity];
            episodes = new String[capacity];
            errors = new double[capacity];
            thresholds = new double[capacity];
            likelihoods = new double[capacity];
            severities = new Severity[capacity];
            suppressedBy = new int[capacity];
            hostStates = new HostState[capacity];
            anomalousSince = new long[capacity];
            hostClocks = new long[capacity];
        }
        Arrays.fill(suppressedBy, 0, capacity, 0);
        Arrays.fill(hostStates, 0, capacity, null);
        Arrays.fill(anomalousSince, 0, capacity, NO_TIME);
        perFeature.reset(capacity);
        Arrays.fill(outcomes, 0, size, null);
        Arrays.fill(reasons, 0, size, null);
        Arrays.fill(details, 0, size, null);
        Arrays.fill(flags, 0, size, 0);
        Arrays.fill(labels, 0, size, null);
        Arrays.fill(episodes, 0, size, null);
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

    /** What the record is, beyond its values: {@link #HAS_OUTPUT_FIELD} and the other flags, or-ed. */
    public void describe(int slot, int recordFlags, String label, String episode) {
        flags[slot] = recordFlags;
        labels[slot] = label;
        episodes[slot] = episode;
    }

    /** The record cannot be scored or written: it becomes a dead letter. */
    public void reject(int slot, RejectReason reason, String detail) {
        outcomes[slot] = Outcome.REJECTED;
        reasons[slot] = reason;
        details[slot] = detail;
    }

    /** Something unexpected failed on this record: it becomes a dead letter naming the exception. */
    public void rejectInternal(int slot, Throwable failure) {
        reject(slot, RejectReason.INTERNAL_ERROR, FailureDetail.of(failure));
    }

    void warmingUp(int slot) {
        outcomes[slot] = Outcome.WARMING_UP;
    }

    void scored(int slot, double error, double threshold, double likelihood, Severity severity) {
        errors[slot] = error;
        thresholds[slot] = threshold;
        likelihoods[slot] = likelihood;
        severities[slot] = severity;
        outcomes[slot] = severity.isAnomaly() ? Outcome.ANOMALY : Outcome.NORMAL;
    }

    /**
     * An anomaly the alert rules do not let stand: it becomes a normal event, with the rules that removed it.
     *
     * @param rules the rules' bits, at least one
     */
    public void suppress(int slot, int rules) {
        if (rules == 0) {
            throw new IllegalArgumentException("an anomaly is suppressed by at least one rule");
        }
        severities[slot] = Severity.NONE;
        outcomes[slot] = Outcome.NORMAL;
        suppressedBy[slot] = rules;
    }

    void hostState(int slot, HostState state, long clock) {
        hostStates[slot] = state;
        hostClocks[slot] = clock;
    }

    /** The scored slot's host clock as of the event ({@link HostState#clock()}, read right after its push). */
    public long hostClock(int slot) {
        return hostClocks[slot];
    }

    /** The state of a scored slot's host, as the model scored it; null for a slot that was not scored. */
    public HostState hostState(int slot) {
        return hostStates[slot];
    }

    /** Marks an anomaly that stands after {@code --for}: its host has been anomalous since {@code time}. */
    public void anomalousSince(int slot, long time) {
        anomalousSince[slot] = time;
    }

    /** Event time of the first event of the run of anomalies this anomaly ends; {@link #NO_TIME} without one. */
    public long anomalousSince(int slot) {
        return anomalousSince[slot];
    }

    /** The bits of the alert rules that turned this record's anomaly into a normal event; 0 when none did. */
    public int suppressedBy(int slot) {
        return suppressedBy[slot];
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

    /** Whether the record has the given flag (see {@link #describe}). */
    public boolean has(int slot, int flag) {
        return (flags[slot] & flag) != 0;
    }

    /** The ground-truth label the record carried, or null. */
    public String label(int slot) {
        return labels[slot];
    }

    /** The ground-truth episode id the record carried, or null. */
    public String episode(int slot) {
        return episodes[slot];
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

    /**
     * The likelihood that a scored record's host behaves unusually (0..1), or NaN when the threshold
     * decided (likelihood off, or the host still warming up).
     */
    public double likelihood(int slot) {
        return likelihoods[slot];
    }

    /** How bad a scored record is: from its likelihood, or from its confidence when the threshold decided. */
    public Severity severity(int slot) {
        return severities[slot];
    }

    /** error / threshold of a scored record. */
    public double confidence(int slot) {
        return errors[slot] / thresholds[slot];
    }

    /** Per feature: shares of the error, expected values, typical ranges. */
    public FeatureColumns perFeature() {
        return perFeature;
    }

    /** This batch as the scored-record writer ({@code common.event.ScoredEventJson}) reads it. */
    public ScoredSlots asScoredSlots() {
        return scoredView;
    }
}
