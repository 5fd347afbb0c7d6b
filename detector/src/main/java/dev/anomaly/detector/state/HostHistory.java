package dev.anomaly.detector.state;

import dev.anomaly.model.FeatureBaseline;
import java.nio.ByteBuffer;

/**
 * One host's recent events: a ring of its last W feature vectors (on the fleet's scale when the model scales
 * per host), the newest event time it reported (which decides when the host counts as idle), its typical
 * range, with per-host scaling its feature baseline and, with likelihood on, its error baseline. Mutable;
 * owned by {@link PartitionWindows}.
 */
final class HostHistory implements HostState {
    /** Windows only. Still read: a changelog written before likelihood existed. */
    private static final byte WINDOW_ONLY = 1;
    /** Windows, then the error baseline. */
    private static final byte WITH_BASELINE = 2;
    /** Windows, then the feature baseline, then the error baseline if likelihood is on. */
    private static final byte WITH_FEATURE_BASELINE = 3;
    /**
     * Windows, the feature baseline if the model scales per host, the typical range, then the error baseline
     * if likelihood is on. What this code writes for a host that is not in a run of anomalies.
     */
    private static final byte WITH_TYPICAL_RANGE = 4;
    /**
     * Windows, the feature baseline if the model scales per host, the typical range, the run of anomalies
     * ({@code --for}), then the error baseline if likelihood is on. What this code writes for a host in a run.
     */
    private static final byte WITH_RUN = 5;
    private static final int RUN_BYTES = Integer.BYTES + Long.BYTES;
    /** Format, spec fingerprint, last seen, count. */
    private static final int HEADER_BYTES = 1 + 4 + 8 + 4;

    private final double[] values;
    private final int features;
    private final LikelihoodSettings likelihood;
    private final ErrorBaseline baseline;
    private final FeatureBaseline scale;
    private final TypicalRange typical;
    private final Scaling scaling;
    private int next;
    private int count;
    private long lastSeen;
    /** Consecutive anomalous events up to the latest scored one (0: it was normal), and the first one's time. */
    private int runLength;
    private long runStart;
    /** The clock of the latest event the run judged (not kept: each event sets it before it is read). */
    private long runLatest;

    /**
     * @param likelihood null: no error baseline
     * @param scaling the model's per-host scaling; null: the model scales every host alike
     * @param host whose history it is: where its feature baseline starts
     */
    HostHistory(int window, int features, long firstSeen, LikelihoodSettings likelihood, Scaling scaling,
                String host) {
        this(window, features, firstSeen, likelihood,
                likelihood == null ? null : new ErrorBaseline(likelihood.shortWindow()), scaling,
                scaling == null ? null : scaling.baselines().initial(host), new TypicalRange(features));
    }

    private HostHistory(int window, int features, long firstSeen, LikelihoodSettings likelihood,
                        ErrorBaseline baseline, Scaling scaling, FeatureBaseline scale, TypicalRange typical) {
        this.values = new double[window * features];
        this.features = features;
        this.lastSeen = firstSeen;
        this.likelihood = likelihood;
        this.baseline = baseline;
        this.scaling = scaling;
        this.scale = scale;
        this.typical = typical;
    }

    @Override
    public boolean windowFull() {
        return count == values.length / features;
    }

    @Override
    public double likelihood(double confidence) {
        return baseline == null ? Double.NaN : baseline.judge(confidence, likelihood);
    }

    @Override
    public long clock() {
        return lastSeen;
    }

    @Override
    public int extendRun(boolean anomalous, long clock) {
        runLatest = clock;
        if (!anomalous) {
            runLength = 0;
        } else if (runLength++ == 0) {
            runStart = clock;
        } else if (runLength < 0) {
            runLength = Integer.MAX_VALUE;
        }
        return runLength;
    }

    @Override
    public void endRun() {
        runLength = 0;
    }

    @Override
    public long runStart() {
        return runStart;
    }

    @Override
    public long runSpan() {
        return runLength == 0 ? 0 : Math.max(0, runLatest - runStart);
    }

    /** How the latest event was scaled, per feature: the host's median and ratio before it learnt the event. */
    private double[] usedCentre;
    private double[] usedRatio;

    @Override
    public double hostScaleFactor(int feature) {
        return scale == null ? 1 : 1 / usedRatio[feature];
    }

    @Override
    public double hostScaleOffset(int feature) {
        return scale == null ? 0 : usedCentre[feature] - scaling.baselines().fleetCentre(feature) / usedRatio[feature];
    }

    long lastSeen() {
        return lastSeen;
    }

    /**
     * Adds an event: on the fleet's scale by the host's baseline as it was before this event, which it then
     * learns (so it is judged against the host's past, as training replayed it), as its typical range does.
     *
     * @param typicalBefore null, or receives per feature the typical low, median and high before this event
     * @param limits what the model knows of the features' typical ranges
     * @return whether the ring now holds a full window
     */
    boolean push(double[] event, long time, double[] typicalBefore, TypicalLimits limits) {
        if (typicalBefore != null) {
            for (int f = 0; f < features; f++) {
                typicalBefore[3 * f] = typical.low(f);
                typicalBefore[3 * f + 1] = typical.centre(f);
                typicalBefore[3 * f + 2] = typical.high(f);
            }
        }
        typical.learn(event, limits);
        if (scale == null) {
            store(event, time);
        } else {
            if (usedCentre == null) {
                usedCentre = new double[features];
                usedRatio = new double[features];
            }
            for (int f = 0; f < features; f++) {
                usedCentre[f] = scale.centre(f);
                usedRatio[f] = scaling.baselines().ratio(scale, scaling.floors(), f);
            }
            scaling.baselines().normalise(scale, scaling.floors(), event, values, next * features);
            scaling.baselines().learn(scale, scaling.floors(), event);
            advance(time);
        }
        return windowFull();
    }

    /** Adds an event as it is (already on the model's scale: restored from the changelog). */
    private void store(double[] event, long time) {
        System.arraycopy(event, 0, values, next * features, features);
        advance(time);
    }

    private void advance(long time) {
        int slots = values.length / features;
        next = (next + 1) % slots;
        count = Math.min(count + 1, slots);
        lastSeen = Math.max(lastSeen, time);
    }

    /** Writes the window, oldest event first; only valid when the ring is full. */
    void copyOldestFirst(double[] target, int offset) {
        // `next` is the oldest slot once the ring is full.
        int firstPart = values.length - next * features;
        System.arraycopy(values, next * features, target, offset, firstPart);
        System.arraycopy(values, 0, target, offset + firstPart, next * features);
    }

    /**
     * The history as a changelog value: the events held, oldest first, the feature baseline if any, the
     * typical range, the run of anomalies, then the error baseline if any.
     */
    byte[] encode(int fingerprint) {
        int slots = values.length / features;
        // A window of one event is the event itself: nothing of it needs keeping.
        int kept = slots == 1 ? 0 : count;
        // Without a run (no --for) the format before runs: a detector of that version still reads it.
        boolean withRun = runLength > 0;
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + kept * features * Double.BYTES
                + (scale == null ? 0 : FeatureBaseline.encodedSize(features)) + TypicalRange.encodedSize(features)
                + (withRun ? RUN_BYTES : 0) + (baseline == null ? 0 : baseline.encodedSize()));
        buffer.put(withRun ? WITH_RUN : WITH_TYPICAL_RANGE).putInt(fingerprint).putLong(lastSeen).putInt(kept);
        int oldest = count == slots ? next : 0;
        for (int i = 0; i < kept; i++) {
            int slot = (oldest + i) % slots;
            for (int f = 0; f < features; f++) {
                buffer.putDouble(values[slot * features + f]);
            }
        }
        if (scale != null) {
            scale.encodeTo(buffer);
        }
        typical.encodeTo(buffer);
        if (withRun) {
            buffer.putInt(runLength).putLong(runStart);
        }
        if (baseline != null) {
            baseline.encodeTo(buffer);
        }
        return buffer.array();
    }

    /**
     * Reads a changelog value written by {@link #encode}, or by the versions before it. A baseline or
     * typical range written with another short window, or none at all, starts again; the window is kept.
     *
     * @param scaling the model's per-host scaling, or null; a history written with the other choice has
     *     another fingerprint
     * @return null when it was written for another feature spec or scaling (a model switch) or is unreadable
     */
    static HostHistory decode(byte[] bytes, int fingerprint, int window, int features,
                              LikelihoodSettings likelihood, Scaling scaling, String host) {
        if (bytes == null || bytes.length < HEADER_BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.get();
        if (format < WINDOW_ONLY || format > WITH_RUN || buffer.getInt() != fingerprint
                || format == WITH_FEATURE_BASELINE && scaling == null
                || (format == WINDOW_ONLY || format == WITH_BASELINE) && scaling != null) {
            return null;
        }
        long lastSeen = buffer.getLong();
        int count = buffer.getInt();
        int windowBytes = count * features * Double.BYTES;
        if (count < 0 || count > window || buffer.remaining() < windowBytes
                || format == WINDOW_ONLY && buffer.remaining() != windowBytes) {
            return null;
        }
        double[] events = new double[count * features];
        for (int i = 0; i < events.length; i++) {
            events[i] = buffer.getDouble();
        }
        FeatureBaseline scale = null;
        if (scaling != null) {
            scale = FeatureBaseline.decode(buffer, features);
            if (scale == null) {
                scale = scaling.baselines().initial(host);
            }
        }
        TypicalRange typical = format >= WITH_TYPICAL_RANGE ? TypicalRange.decode(buffer, features) : null;
        if (typical == null) {
            typical = new TypicalRange(features);
        }
        int runLength = 0;
        long runStart = 0;
        if (format >= WITH_RUN) {
            if (buffer.remaining() < RUN_BYTES) {
                return null;
            }
            runLength = Math.max(0, buffer.getInt());
            runStart = buffer.getLong();
        }
        ErrorBaseline baseline = null;
        if (likelihood != null) {
            baseline = format != WINDOW_ONLY && buffer.hasRemaining()
                    ? ErrorBaseline.decode(buffer, likelihood.shortWindow()) : null;
            if (baseline == null) {
                baseline = new ErrorBaseline(likelihood.shortWindow());
            }
        }
        HostHistory history = new HostHistory(window, features, lastSeen, likelihood, baseline, scaling, scale,
                typical);
        history.runLength = runLength;
        history.runStart = runStart;
        double[] event = new double[features];
        for (int i = 0; i < count; i++) {
            System.arraycopy(events, i * features, event, 0, features);
            history.store(event, lastSeen);
        }
        return history;
    }
}
