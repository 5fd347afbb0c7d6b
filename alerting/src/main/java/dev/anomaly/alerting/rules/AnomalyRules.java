package dev.anomaly.alerting.rules;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.FeatureValue;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The alert rules as the alerter applies them to the anomaly records it reads: each host's
 * {@code --direction} and {@code --min-deviation} (a rule file's entry for it, else the command line's),
 * judged by {@link Departures} on the features the record carries, as {@code detect} judges them on the
 * scored event. {@code --for} is not judged here: it needs every event of a host, and the alerter sees only
 * the anomalies ({@code detect --for} does it, and the alerter takes its {@code anomalous_since}). Immutable.
 */
public final class AnomalyRules {
    /** No rules: every anomaly stands. */
    public static final AnomalyRules NONE = new AnomalyRules(AlertRules.NONE);

    private final AlertRules rules;

    public AnomalyRules(AlertRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** Whether no host has a direction or a minimum deviation. */
    public boolean isEmpty() {
        return !rules.judgesFeatures()
                && rules.hostEntries().stream().noneMatch(entry -> entry.rules().judgesFeatures());
    }

    /**
     * The features the rules name that {@code carried} lacks: a typo, or rules for another model's features.
     * The alerter has no model to check the rules against, so it checks them against what records carry.
     */
    public List<String> unknown(Collection<String> carried) {
        return rules.unknown(List.copyOf(carried));
    }

    /**
     * A warning when the rules name features {@code record} does not carry (they would judge nothing,
     * silently), naming both lists; empty when they name only carried ones.
     */
    public Optional<String> unknownWarning(Anomaly record) {
        List<String> carried = record.features().stream().map(FeatureValue::feature).toList();
        List<String> unknown = unknown(carried);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("warning: the alert rules name " + String.join(", ", unknown) + ", which the anomaly "
                + "records do not carry (they carry " + String.join(", ", carried) + "); those rules judge nothing");
    }

    /**
     * Judges an anomaly record.
     *
     * @return 0 when it stands, else the {@link Suppression} bits of the rules that removed it
     */
    public int judge(Anomaly anomaly) {
        AlertRules own = rules.forHost(anomaly.host());
        if (!own.judgesFeatures()) {
            return 0;
        }
        List<FeatureValue> features = anomaly.features();
        Direction[] directions = new Direction[features.size()];
        MinDeviation[] minDeviations = new MinDeviation[features.size()];
        for (int f = 0; f < features.size(); f++) {
            directions[f] = own.direction(features.get(f).feature());
            minDeviations[f] = own.minDeviation(features.get(f).feature());
        }
        return Departures.judge(directions, minDeviations, new Departures.Features() {
            @Override
            public double value(int f) {
                return features.get(f).value().orElse(Double.NaN);
            }

            @Override
            public double expected(int f) {
                return features.get(f).expected().orElse(Double.NaN);
            }

            @Override
            public double share(int f) {
                return features.get(f).share();
            }
        });
    }
}
