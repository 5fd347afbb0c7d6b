package dev.anomaly.detector.rules;

import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.Outcome;
import dev.anomaly.detector.core.Suppression;

/**
 * {@link AlertRules} for one model's features, applied to a scored batch: an anomaly stands only when the
 * features that depart from the model's expectation the way the rules allow explain at least
 * {@link #EXPLAINED_SHARE} of its error; otherwise it becomes a normal event marked with the rules that
 * removed it. A feature without an expected value (a forest, on a host's first event) cannot be judged and
 * counts. Immutable.
 */
public final class BoundRules {
    /** No rules, for any model. */
    public static final BoundRules NONE = AlertRules.NONE.bind(java.util.List.of());
    /** The share of the error the allowed features must explain: the features an alert marks as the cause. */
    public static final double EXPLAINED_SHARE = 0.5;

    private final Direction[] directions;
    private final MinDeviation[] minDeviations;
    private final boolean active;

    BoundRules(Direction[] directions, MinDeviation[] minDeviations, boolean active) {
        this.directions = directions;
        this.minDeviations = minDeviations;
        this.active = active;
    }

    /** Judges every anomaly of the batch; normal events, and every event without rules, are left alone. */
    public void apply(DetectionBatch batch) {
        if (!active || batch.features() != directions.length) {
            return;
        }
        for (int slot = 0; slot < batch.size(); slot++) {
            if (batch.outcome(slot) == Outcome.ANOMALY) {
                judge(batch, slot);
            }
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
}
