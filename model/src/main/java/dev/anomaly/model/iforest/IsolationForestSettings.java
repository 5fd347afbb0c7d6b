package dev.anomaly.model.iforest;

/**
 * How an {@link IsolationForest} is grown.
 *
 * @param trees number of isolation trees; the paper finds path lengths converge well before 100
 * @param sampleSize ψ, rows drawn without replacement for each tree; capped at the number of training rows.
 *     Small samples isolate anomalies better than large ones (less swamping and masking), which is why the
 *     paper's default is 256 however large the training set
 * @param seed fixes the subsamples and the splits: the same data and seed give the same forest
 */
public record IsolationForestSettings(int trees, int sampleSize, long seed) {
    public static final int DEFAULT_TREES = 100;
    public static final int DEFAULT_SAMPLE_SIZE = 256;

    public IsolationForestSettings {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1, got " + trees);
        }
        if (sampleSize < 2) {
            // One row cannot be split, and c(1) = 0 would make every score 0 / 0.
            throw new IllegalArgumentException("sample size must be at least 2, got " + sampleSize);
        }
    }

    /** The paper's defaults, 100 trees of 256 rows, with the given seed. */
    public static IsolationForestSettings withSeed(long seed) {
        return new IsolationForestSettings(DEFAULT_TREES, DEFAULT_SAMPLE_SIZE, seed);
    }

    /** ψ for a training set of {@code rows} rows: the configured sample size, or all rows if fewer. */
    public int effectiveSampleSize(int rows) {
        return Math.min(sampleSize, rows);
    }
}
