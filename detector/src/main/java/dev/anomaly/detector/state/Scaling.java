package dev.anomaly.detector.state;

import dev.anomaly.model.HostBaselines;

/**
 * A model's per-host scaling with its spread floors, computed once per model rather than per event.
 *
 * @param baselines the model's figures: where new hosts start, how fast baselines move
 * @param floors {@link HostBaselines#floors()}
 */
record Scaling(HostBaselines baselines, double[] floors) {
    /** The scaling of a model, or null for a model that scales every host alike. */
    static Scaling of(HostBaselines baselines) {
        return baselines == null ? null : new Scaling(baselines, baselines.floors());
    }
}
