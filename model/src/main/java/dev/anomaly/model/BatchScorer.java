package dev.anomaly.model;

/**
 * Scores a batch of encoded events, one call per batch: per event an error-like score (larger = more
 * anomalous), the threshold it is judged against, and each feature's share of the anomaly where the model
 * can say. Not thread-safe: one scorer per scoring thread.
 */
public interface BatchScorer {
    /** Scores every row of {@code inputs} into {@code scores}. */
    void score(InputMatrix inputs, BatchScores scores);

    /** The errors of every row, for thresholds and reports. */
    default double[] errors(InputMatrix inputs, int features) {
        BatchScores scores = new BatchScores(features);
        score(inputs, scores);
        return scores.errors();
    }
}
