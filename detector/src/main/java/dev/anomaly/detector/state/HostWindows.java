package dev.anomaly.detector.state;

import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.HostBaselines;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The per-host state of every partition a detector owns, kept per partition so that a rebalance moves
 * exactly the state of the partitions it moves: each host's window of its last W events, its typical range
 * ({@link TypicalRange}) and, with likelihood on, its error baseline ({@link ErrorBaseline}). With W = 1, no
 * likelihood and no per-host scaling nothing is kept: an event is its own input, without a typical range.
 *
 * <p>The state survives restarts, rebalances and aborted transactions through a changelog (see
 * {@link #drainChanges}), so each host's window holds what it would have held without the fault.
 * Not thread-safe: one per detector thread.
 */
public final class HostWindows {
    /** {@code --host-idle-timeout}'s default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

    private final FeatureSpec spec;
    private final long idleMillis;
    private final LikelihoodSettings likelihood;
    private final int fingerprint;
    /** The model's per-host scaling, or null. */
    private final Scaling scaling;
    private final TypicalLimits typicalLimits;
    private final boolean keepsRuns;
    private final Map<Integer, PartitionWindows> partitions = new HashMap<>();

    /** Windows without likelihood (tests, the bench's pass-through). */
    public HostWindows(FeatureSpec spec, Duration idleTimeout) {
        this(spec, idleTimeout, null);
    }

    /** Windows of a model that scales every host alike. */
    public HostWindows(FeatureSpec spec, Duration idleTimeout, LikelihoodSettings likelihood) {
        this(spec, idleTimeout, likelihood, null);
    }

    /** Windows that know nothing of the features' ranges (tests). */
    public HostWindows(FeatureSpec spec, Duration idleTimeout, LikelihoodSettings likelihood,
                       HostBaselines scaling) {
        this(spec, idleTimeout, likelihood, scaling, TypicalLimits.none(spec.featureCount()));
    }

    /** Windows that keep no run of anomalies (no {@code --for}). */
    public HostWindows(FeatureSpec spec, Duration idleTimeout, LikelihoodSettings likelihood,
                       HostBaselines scaling, TypicalLimits typicalLimits) {
        this(spec, idleTimeout, likelihood, scaling, typicalLimits, false);
    }

    /**
     * @param idleTimeout a host without an event for this long (in event time) starts again as new
     * @param likelihood how each host's likelihood is judged; null: none (the model's threshold decides)
     * @param scaling the model's per-host scaling; null: every host is scaled alike
     * @param typicalLimits what the model knows of its features' typical ranges ({@link TypicalLimits#of})
     * @param keepsRuns whether each host's run of anomalies must be kept ({@code --for}) even when nothing
     *     else is
     */
    public HostWindows(FeatureSpec spec, Duration idleTimeout, LikelihoodSettings likelihood,
                       HostBaselines scaling, TypicalLimits typicalLimits, boolean keepsRuns) {
        this.keepsRuns = keepsRuns;
        this.spec = Objects.requireNonNull(spec, "spec");
        if (typicalLimits.featureCount() != spec.featureCount()) {
            throw new IllegalArgumentException("typical limits for " + typicalLimits.featureCount()
                    + " features, the spec has " + spec.featureCount());
        }
        this.typicalLimits = typicalLimits;
        this.likelihood = likelihood;
        this.scaling = Scaling.of(scaling);
        this.idleMillis = idleTimeout.toMillis();
        if (idleMillis <= 0) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
        // Stable across JVMs (List and String hash codes are specified), so a restarted detector recognises it.
        // Windows on a fleet's scale are not raw windows, nor on another fleet's: a restart with a model of another
        // scale starts them again.
        this.fingerprint = scaling == null ? Objects.hash(spec.features(), spec.window())
                : Objects.hash(spec.features(), spec.window(), scaling.scaleFingerprint());
    }

    /**
     * Whether a model with this spec and scaling can use these windows: same features and window, and either
     * no per-host scaling or the same scale (a model retrained on other data has other fleet figures: its
     * windows and host baselines start again from its own).
     */
    public boolean fits(FeatureSpec otherSpec, HostBaselines otherScaling) {
        return spec.equals(otherSpec) && (scaling == null ? otherScaling == null
                : scaling.baselines().sameScale(otherScaling));
    }

    public FeatureSpec spec() {
        return spec;
    }

    /**
     * Whether there is any state to keep: windows of more than one event, feature or error baselines, runs of
     * anomalies.
     */
    public boolean isStateful() {
        return spec.window() > 1 || likelihood != null || scaling != null || keepsRuns;
    }

    /** Whether each host's run of anomalies is kept ({@link HostState#extendRun}). */
    public boolean keepsRuns() {
        return keepsRuns;
    }

    /** How likelihood is judged, or null without it. */
    public LikelihoodSettings likelihood() {
        return likelihood;
    }

    /**
     * Adds an event of {@code host}, read from {@code partition}, and writes the host's window (W events of
     * {@code values}' length, oldest first) to {@code target} when it is complete.
     *
     * @return the host's state: whether a full window was written (with W = 1 always, and {@code values} is
     *     copied as is), and its likelihood
     */
    public HostState push(int partition, String host, double[] values, long time, double[] target) {
        return push(partition, host, values, time, target, null);
    }

    /**
     * As {@link #push(int, String, double[], long, double[])}, also writing to {@code typicalBefore} the host's
     * typical range as it was before this event (what the event is shown against): per feature its 5th
     * percentile, median and 95th percentile, at {@code 3 × feature}; NaN for a new host, and for every host
     * when nothing is kept ({@link #isStateful()}).
     */
    public HostState push(int partition, String host, double[] values, long time, double[] target,
                          double[] typicalBefore) {
        if (!isStateful()) {
            System.arraycopy(values, 0, target, 0, spec.featureCount());
            if (typicalBefore != null) {
                Arrays.fill(typicalBefore, 0, 3 * spec.featureCount(), Double.NaN);
            }
            return HostState.NONE;
        }
        return partitions.computeIfAbsent(partition, p -> newPartition())
                .push(host, values, time, target, 0, scaling, typicalBefore);
    }

    /**
     * Ends a batch: evicts idle hosts and hands every change since the last call to {@code sink}, for the
     * changelog (a null state means the host was removed).
     */
    public void drainChanges(ChangeSink sink) {
        partitions.forEach((partition, windows) -> {
            windows.evictIdle();
            windows.drainChanges((host, state) -> sink.changed(partition, host, state));
        });
    }

    /** Forgets a partition this detector no longer owns. */
    public void drop(int partition) {
        partitions.remove(partition);
    }

    /** Forgets every partition. */
    public void clear() {
        partitions.clear();
    }

    /**
     * Starts restoring a partition from its changelog: its state in memory is replaced by what the
     * returned restorer is fed.
     */
    public Restorer restore(int partition) {
        PartitionWindows fresh = newPartition();
        partitions.put(partition, fresh);
        return new Restorer(fresh, scaling);
    }

    /** Hosts held in memory over all partitions. */
    public int hosts() {
        return partitions.values().stream().mapToInt(PartitionWindows::hosts).sum();
    }

    private PartitionWindows newPartition() {
        return new PartitionWindows(spec.window(), spec.featureCount(), fingerprint, idleMillis, likelihood,
                typicalLimits);
    }

    /** Receives state changes: the changelog's records. */
    @FunctionalInterface
    public interface ChangeSink {
        /** {@code host} of {@code partition} now has {@code state} (null: removed). */
        void changed(int partition, String host, byte[] state);
    }

    /** Feeds a partition's changelog, oldest record first, into its fresh state. */
    public static final class Restorer {
        private final PartitionWindows target;
        private final Scaling scaling;

        private Restorer(PartitionWindows target, Scaling scaling) {
            this.target = target;
            this.scaling = scaling;
        }

        /** One changelog record: a host's state, or null when it was removed. */
        public void apply(String host, byte[] state) {
            target.restore(host, state, scaling);
        }

        /** The whole changelog was applied. */
        public void done() {
            target.restored();
        }
    }
}
