package dev.anomaly.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-host scaling, saved with a model: each host's values are moved onto the fleet's level and spread
 * before the model sees them, so one host's normal level is not another's anomaly, and a host whose level
 * or noise changes for good is followed (see {@link FeatureBaseline}). The model learns and scores
 * {@code fleet centre + (value − host median) × fleet spread / host spread}, per feature.
 *
 * <p>Holds what training ended with: the fleet's figures and each training host's baseline. A host never
 * seen in training starts from the fleet's figures and converges to its own.
 *
 * @param step how far, in spreads, a host's medians and quartiles move per event
 * @param fleet every training event's medians and quartiles
 * @param hosts each training host's baseline at the end of its training events
 * @param raw the scaler of the training events as they arrived (before per-host scaling): what tells a
 *     broken record from an anomaly ({@link FeatureRanges}), and the spread of a feature whose quartiles are
 *     equal (an error counter that is mostly 0)
 */
public record HostBaselines(double step, FeatureBaseline fleet, Map<String, FeatureBaseline> hosts, Scaler raw) {
    /**
     * A host's spread counts as at least this share of the fleet's: a host quieter than that is scaled up ten
     * times at most, so its smallest wobbles do not become anomalies.
     */
    static final double MIN_SPREAD_SHARE = 0.1;

    public HostBaselines {
        if (!(step > 0 && step < 1)) {
            throw new IllegalArgumentException("the baseline step must be above 0 and below 1, got " + step);
        }
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(raw, "raw");
        if (raw.featureCount() != fleet.featureCount()) {
            throw new IllegalArgumentException("the raw scaler has " + raw.featureCount() + " features, the fleet's "
                    + fleet.featureCount());
        }
        Map<String, FeatureBaseline> copies = new LinkedHashMap<>();
        for (Map.Entry<String, FeatureBaseline> host : hosts.entrySet()) {
            if (host.getValue().featureCount() != fleet.featureCount()) {
                throw new IllegalArgumentException("the baseline of host " + host.getKey() + " has "
                        + host.getValue().featureCount() + " features, the fleet's " + fleet.featureCount());
            }
            copies.put(host.getKey(), host.getValue().copy());
        }
        fleet = fleet.copy();
        hosts = Collections.unmodifiableMap(copies);
    }

    @Override
    public FeatureBaseline fleet() {
        return fleet.copy();
    }

    /**
     * Whether values scaled by these baselines and by {@code other}'s are on the same scale: the same fleet
     * figures, raw scaler and step (a host's window and baseline can then carry over from one model to the other).
     */
    public boolean sameScale(HostBaselines other) {
        return other != null && step == other.step && fleet.equals(other.fleet) && raw.equals(other.raw);
    }

    /** A number that differs between baselines that are not on the same scale, stable across JVMs. */
    public int scaleFingerprint() {
        return Objects.hash(step, fleet, raw);
    }

    /** A new host's starting baseline: its own from training, or the fleet's. */
    public FeatureBaseline initial(String host) {
        FeatureBaseline trained = hosts.get(host);
        return (trained != null ? trained : fleet).copy();
    }

    /**
     * The smallest spread each feature's moves and scaling assume: a share of the fleet's, or of the raw
     * scaler's where the fleet's quartiles are equal (so such a feature still follows a lasting change).
     */
    public double[] floors() {
        double[] floors = new double[fleet.featureCount()];
        for (int f = 0; f < floors.length; f++) {
            double spread = fleet.spread(f);
            floors[f] = MIN_SPREAD_SHARE * (spread > 0 ? spread : raw.scale()[f]);
        }
        return floors;
    }

    /**
     * Writes {@code raw} on the fleet's scale, by {@code host}'s current baseline, into {@code target}.
     *
     * @param floors {@link #floors()}, computed once
     */
    public void normalise(FeatureBaseline host, double[] floors, double[] raw, double[] target, int offset) {
        for (int f = 0; f < floors.length; f++) {
            target[offset + f] = fleet.centre(f) + (raw[f] - host.centre(f)) * ratio(host, floors, f);
        }
    }

    /**
     * How many of the fleet's units one of {@code host}'s is, for {@code feature}. A feature constant over the
     * whole fleet is only moved: it has no spread to match.
     */
    public double ratio(FeatureBaseline host, double[] floors, int feature) {
        double fleetSpread = fleet.spread(feature);
        return fleetSpread > 0 ? fleetSpread / Math.max(host.spread(feature), floors[feature]) : 1;
    }

    /** The fleet's median of {@code feature}: where a host's median lands. */
    public double fleetCentre(int feature) {
        return fleet.centre(feature);
    }

    /** {@code host} learns one of its events, after it was scaled. */
    public void learn(FeatureBaseline host, double[] floors, double[] raw) {
        host.learn(raw, step, floors);
    }
}
