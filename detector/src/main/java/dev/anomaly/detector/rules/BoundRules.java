package dev.anomaly.detector.rules;

import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.alerting.rules.Departures;
import dev.anomaly.alerting.rules.Direction;
import dev.anomaly.alerting.rules.HostRules;
import dev.anomaly.alerting.rules.MinDeviation;
import dev.anomaly.alerting.rules.Persistence;
import dev.anomaly.alerting.rules.Suppression;
import dev.anomaly.common.event.HostGlob;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.Outcome;
import dev.anomaly.detector.state.HostState;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AlertRules} for one model's features, applied to a scored batch: an anomaly the rules do not let
 * stand ({@link Departures}, the judgement the alerter makes too) becomes a normal event marked with the rules
 * that removed it. Then, with {@code --for}, an anomaly left standing stands only once its host has been anomalous
 * for long enough (its run of anomalies is kept in the host's state, so it survives restarts); the one
 * that stands carries the time its host became anomalous. Immutable.
 */
public final class BoundRules {
    /** No rules, for any model. */
    public static final BoundRules NONE = bind(AlertRules.NONE, List.of());

    private final Direction[] directions;
    private final MinDeviation[] minDeviations;
    private final boolean active;
    private final Persistence persistence;
    /** A rule file's entries, first match first; hosts none matches have these rules. */
    private final List<ForHosts> byHost;

    private BoundRules(Direction[] directions, MinDeviation[] minDeviations, boolean active, Persistence persistence,
               List<ForHosts> byHost) {
        this.directions = directions;
        this.minDeviations = minDeviations;
        this.active = active;
        this.persistence = persistence;
        this.byHost = List.copyOf(byHost);
    }

    /** The rules for a model's features, in the model's order; rules of features it lacks are left out. */
    public static BoundRules bind(AlertRules rules, List<String> features) {
        Direction[] byFeature = new Direction[features.size()];
        MinDeviation[] deviations = new MinDeviation[features.size()];
        for (int f = 0; f < features.size(); f++) {
            byFeature[f] = rules.direction(features.get(f));
            deviations[f] = rules.minDeviation(features.get(f));
        }
        List<ForHosts> hostRules = new ArrayList<>();
        for (HostRules entry : rules.hostEntries()) {
            hostRules.add(new ForHosts(entry.hosts(), bind(entry.rules(), features)));
        }
        return new BoundRules(byFeature, deviations, rules.judgesFeatures(), rules.persistence(), hostRules);
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
        int failed = Departures.judge(directions, minDeviations, new Departures.Features() {
            @Override
            public double value(int f) {
                return values[f];
            }

            @Override
            public double expected(int f) {
                return batch.perFeature().expected(slot, f);
            }

            @Override
            public double share(int f) {
                return Departures.writtenShare(batch.perFeature().share(slot, f));
            }
        });
        if (failed != 0) {
            batch.suppress(slot, failed);
        }
    }

    /** A rule file's entry, bound to the model's features. */
    record ForHosts(HostGlob hosts, BoundRules rules) {
    }
}
