package dev.anomaly.detector.cli;

import dev.anomaly.model.AutoencoderLearner;
import dev.anomaly.model.OnlineLearning;
import picocli.CommandLine.Option;

/** {@code detect}'s options for an autoencoder that keeps learning from the events it scores. */
public final class LearningOptions {
    @Option(names = "--learn", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "An autoencoder keeps learning from the events it scores and does not flag: every "
                    + AutoencoderLearner.BLOCK + " events of an input partition move its weights one step, so "
                    + "a drift, a new level or a part of the day it never saw in training becomes normal without a "
                    + "retrain. The random cut forest learns by itself and an isolation forest not at all; both "
                    + "ignore this. A new model from disk starts again from its trained weights. --no-learn scores "
                    + "with the trained weights only (default: learn).")
    private boolean learn;

    @Option(names = "--learn-rate", paramLabel = "R", defaultValue = "" + OnlineLearning.DEFAULT_LEARNING_RATE,
            description = "Adam's learning rate for those steps: larger follows a change sooner and also gets used "
                    + "to a lasting anomaly sooner (default: ${DEFAULT-VALUE}).")
    private double learnRate;

    @Option(names = "--learn-every", paramLabel = "N", defaultValue = "" + OnlineLearning.DEFAULT_LEARN_EVERY,
            description = "Learn from one unflagged event in N: bounds what learning costs per event (default: "
                    + "${DEFAULT-VALUE}).")
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
