package dev.anomaly.detector.rules;

import dev.anomaly.common.event.HostGlob;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.Outcome;
import dev.anomaly.detector.core.Suppression;
import dev.anomaly.detector.state.HostState;
import java.util.List;

/**
 * {@link AlertRules} for one model's features, applied to a scored batch: an anomaly stands only when the
 * features that depart from the model's expectation the way the rules allow explain at least
 * {@link #EXPLAINED_SHARE} of its error; otherwise it becomes a normal event marked with the rules that
 * removed it. A feature without an expected value (a forest, on a host's first event) cannot be judged and
 * counts. Then, with {@code --for}, an anomaly left standing stands only once its host has been anomalous
 * for long enough (its run of anomalies is kept in the host's state, so it survives restarts); the one
 * that stands carries the time its host became anomalous. Immutable.
 */
public final class BoundRules {
    /** No rules, for any model. */
    public static final BoundRules NONE = AlertRules.NONE.bind(List.of());
    /** The share of the error the allowed features must explain: the features an alert marks as the cause. */
    public static final double EXPLAINED_SHARE = 0.5;

    private final Direction[] directions;
    private final MinDeviation[] minDeviations;
    private final boolean active;
    private final Persistence persistence;
    /** A rule file's entries, first match first; hosts none matches have these rules. */
    private final List<ForHosts> byHost;

    BoundRules(Direction[] directions, MinDeviation[] minDeviations, boolean active, Persistence persistence,
               List<ForHosts> byHost) {
        this.directions = directions;
        this.minDeviations = minDeviations;
        this.active = active;
        this.persistence = persistence;
        this.byHost = List.copyOf(byHost);
    }

    /** Whether the hosts' windows must keep runs of anomalies for these rules ({@code --for}). */
    public boolean needsRuns() {
        return !persistence.isNone() || byHost.stream().anyMatch(entry -> entry.rules().needsRuns());
    }

    /** The rules of {@code host}: those of the first entry that matches it, else these. */
    BoundRules of(String host) {
        for (ForHosts entry : byHost) {
            if (host != null && entry.hosts().matches(host)) {
                return entry.rules();
            }
        }
        return this;
    }

    /**
     * Judges every anomaly of the batch, in the batch's order (each host's events are in its order); normal
     * events, and every event without rules, are left alone, except that a normal event ends its host's run.
     *
     * @throws UnsupportedOperationException with {@code --for}, when a scored event's host keeps no run (windows
     *     not built for these rules, see {@link #needsRuns})
     */
    public void apply(DetectionBatch batch) {
        for (int slot = 0; slot < batch.size(); slot++) {
            Outcome outcome = batch.outcome(slot);
            if (outcome == Outcome.ANOMALY || outcome == Outcome.NORMAL) {
                (byHost.isEmpty() ? this : of(batch.key(slot))).apply(batch, slot);
            }
        }
    }

    private void apply(DetectionBatch batch, int slot) {
        if (active && batch.features() == directions.length && batch.outcome(slot) == Outcome.ANOMALY) {
            judge(batch, slot);
        }
        if (!persistence.isNone()) {
            persist(batch, slot);
        } else if (batch.hostState(slot) != null) {
            batch.hostState(slot).endRun();
        }
    }

    private void persist(DetectionBatch batch, int slot) {
        HostState host = batch.hostState(slot);
        if (host == null) {
            return;
        }
        Outcome outcome = batch.outcome(slot);
        int length = host.extendRun(outcome == Outcome.ANOMALY, batch.hostClock(slot));
        if (length == 0) {
            return;
        }
        if (persistence.reached(length, host.runSpan())) {
            batch.anomalousSince(slot, host.runStart());
        } else {
            batch.suppress(slot, Suppression.DURATION);
        }
    }

    private void judge(DetectionBatch batch, int slot) {
        double[] values = batch.values(slot);
        double explained = 0;
        int failed = 0;
        for (int f = 0; f < directions.length; f++) {
            double expected = batch.expected(slot, f);
            if (!Double.isFinite(expected)) {
                explained += batch.share(slot, f);
                continue;
            }
            boolean wayAllowed = directions[f].allows(values[f] - expected);
            boolean farEnough = minDeviations[f] == null || minDeviations[f].allows(values[f], expected);
            if (wayAllowed && farEnough) {
                explained += batch.share(slot, f);
            } else {
                failed |= (wayAllowed ? 0 : Suppression.DIRECTION) | (farEnough ? 0 : Suppression.MIN_DEVIATION);
            }
        }
        if (failed != 0 && explained < EXPLAINED_SHARE) {
            batch.suppress(slot, failed);
        }
    }

    /** A rule file's entry, bound to the model's features. */
    record ForHosts(HostGlob hosts, BoundRules rules) {
    }
}
