package dev.anomaly.model;

/**
 * Scores a batch of encoded events, one call per batch: per event an error-like score (larger = more
 * anomalous), the threshold it is judged against, and each feature's share of the anomaly where the model
 * can say. Not thread-safe: one scorer per scoring thread. An online model also learns from what it scores.
 */
public interface BatchScorer {
    /** Scores every row of {@code inputs} into {@code scores}. */
    void score(InputMatrix inputs, BatchScores scores);

    /**
     * Saves what an online model learnt so far, where its creator said (the detector calls this
     * periodically, before switching models and on shutdown). Never throws: a failed save is logged.
     */
    default void checkpoint() {
    }

    /** The errors of every row, for thresholds and reports. */
    default double[] errors(InputMatrix inputs, int features) {
        BatchScores scores = new BatchScores(features);
        score(inputs, scores);
        return scores.errors();
    }
}
