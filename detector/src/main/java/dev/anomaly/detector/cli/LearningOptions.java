package dev.anomaly.detector.cli;

import dev.anomaly.model.AutoencoderLearner;
import dev.anomaly.model.OnlineLearning;
import picocli.CommandLine.Option;

/** {@code detect}'s options for a model that keeps learning from the events it scores. */
public final class LearningOptions {
    @Option(names = "--learn", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "The model keeps learning from the events it scores, so a drift, a new level or a part "
                    + "of the day it never saw in training becomes normal without a retrain. An autoencoder learns "
                    + "the events it does not flag: every " + AutoencoderLearner.BLOCK + " events of an input "
                    + "partition move its weights one step. A random cut forest learns every event. An isolation "
                    + "forest does not learn. A new model from disk starts again from what was trained. "
                    + "--no-learn scores with the trained model only (default: learn).")
    private boolean learn;

    @Option(names = "--learn-rate", paramLabel = "R", defaultValue = "" + OnlineLearning.DEFAULT_LEARNING_RATE,
            description = "An autoencoder's Adam learning rate for those steps: larger follows a change sooner "
                    + "and also gets used to a lasting anomaly sooner (default: ${DEFAULT-VALUE}).")
    private double learnRate;

    @Option(names = "--learn-every", paramLabel = "N", defaultValue = "" + OnlineLearning.DEFAULT_LEARN_EVERY,
            description = "An autoencoder learns from one unflagged event in N: bounds what learning costs per "
                    + "event (default: ${DEFAULT-VALUE}).")
    private int learnEvery;

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException one line naming the option that is wrong
     */
    void validate() {
        if (!(learnRate > 0 && learnRate < 1)) {
            throw new IllegalArgumentException("--learn-rate must be above 0 and below 1, got " + learnRate);
        }
        if (learnEvery < 1 || learnEvery > 1_000_000) {
            throw new IllegalArgumentException("--learn-every must be 1..1000000, got " + learnEvery);
        }
    }

    /** The learning asked for; null with {@code --no-learn}. */
    OnlineLearning settings() {
        return learn ? new OnlineLearning(learnRate, learnEvery) : null;
    }
}
