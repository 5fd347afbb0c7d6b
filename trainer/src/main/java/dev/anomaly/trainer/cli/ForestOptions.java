package dev.anomaly.trainer.cli;

import dev.anomaly.model.iforest.IsolationForestSettings;
import dev.anomaly.model.rcf.RandomCutForestSettings;
import picocli.CommandLine.Option;

/** {@code train}'s options for the isolation forest and the random cut forest; the autoencoder ignores them. */
final class ForestOptions {
    @Option(names = "--trees", paramLabel = "N",
            description = "Forests: number of trees (default: " + IsolationForestSettings.DEFAULT_TREES
                    + " for isolation-forest, " + RandomCutForestSettings.DEFAULT_TREES + " for random-cut-forest).")
    private Integer trees;

    @Option(names = "--sample-size", paramLabel = "N", defaultValue = "256",
            description = "Forests: events per tree (default: ${DEFAULT-VALUE}, as in both papers).")
    private int sampleSize;

    @Option(names = "--time-decay", paramLabel = "RATE",
            description = "Random cut forest: how fast it forgets; its memory is about 1/RATE events, so larger "
                    + "adapts to a lasting change sooner (default: 1/(10 × sample size) = 0.000390625).")
    private Double timeDecay;

    /** @throws IllegalArgumentException one line saying which setting is out of range */
    IsolationForestSettings isolationForest(long seed) {
        return new IsolationForestSettings(trees != null ? trees : IsolationForestSettings.DEFAULT_TREES, sampleSize,
                seed);
    }

    /** @throws IllegalArgumentException one line saying which setting is out of range */
    RandomCutForestSettings randomCutForest(long seed) {
        return new RandomCutForestSettings(trees != null ? trees : RandomCutForestSettings.DEFAULT_TREES, sampleSize,
                timeDecay != null ? timeDecay : 1.0 / (10 * sampleSize), seed);
    }
}
