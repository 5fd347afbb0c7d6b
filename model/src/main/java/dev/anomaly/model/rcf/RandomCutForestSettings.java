package dev.anomaly.model.rcf;

/**
 * How a random cut forest is built and how fast it forgets.
 *
 * @param trees number of trees (AWS's default is 50)
 * @param sampleSize points each tree keeps (AWS's default is 256)
 * @param timeDecay how strongly the reservoir favours recent points: a point's weight in the sample decays
 *     as e^(-timeDecay × age), so the forest's memory is about 1 / timeDecay events. Larger forgets a
 *     level shift sooner and also gets used to a long anomaly sooner
 * @param seed fixes the sampling: the same events and seed give the same forest
 */
public record RandomCutForestSettings(int trees, int sampleSize, double timeDecay, long seed) {
    public static final int DEFAULT_TREES = 50;
    public static final int DEFAULT_SAMPLE_SIZE = 256;
    /** Memory of ten samples' worth of events (2,560 with the default sample), as AWS's default. */
    public static final double DEFAULT_TIME_DECAY = 1.0 / (10 * DEFAULT_SAMPLE_SIZE);

    public RandomCutForestSettings {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1, got " + trees);
        }
        if (sampleSize < 4) {
            throw new IllegalArgumentException("sample size must be at least 4, got " + sampleSize);
        }
        if (!(timeDecay >= 0 && timeDecay < 1)) {
            throw new IllegalArgumentException("time decay must be in [0, 1), got " + timeDecay);
        }
    }

    /** AWS's defaults with the given seed. */
    public static RandomCutForestSettings withSeed(long seed) {
        return new RandomCutForestSettings(DEFAULT_TREES, DEFAULT_SAMPLE_SIZE, DEFAULT_TIME_DECAY, seed);
    }
}
