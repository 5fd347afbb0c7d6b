package dev.anomaly.evaluator.metrics;

import java.util.Objects;

/**
 * Episode-level results of one type (or of all types): how many injected episodes had at least one flagged
 * event, and how long detection took from each episode's first event.
 *
 * @param episodes injected episodes seen
 * @param detected episodes with at least one flagged event
 * @param delayEvents per detected episode: the index (0-based, in time order) of its first flagged event
 * @param delaySeconds per detected episode: simulated seconds from its first event to its first flagged one
 */
public record EpisodeStats(long episodes, long detected, DelayStats delayEvents, DelayStats delaySeconds) {
    public EpisodeStats {
        Objects.requireNonNull(delayEvents, "delayEvents");
        Objects.requireNonNull(delaySeconds, "delaySeconds");
        if (episodes < 0 || detected < 0 || detected > episodes) {
            throw new IllegalArgumentException("need 0 <= detected <= episodes, got " + detected + " of " + episodes);
        }
        if (delayEvents.count() != detected || delaySeconds.count() != detected) {
            throw new IllegalArgumentException("delays must cover exactly the " + detected + " detected episodes");
        }
    }

    /** Detected / episodes, or 0 when there were no episodes. */
    public double recall() {
        return episodes == 0 ? 0 : (double) detected / episodes;
    }
}
