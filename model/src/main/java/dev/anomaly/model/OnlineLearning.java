package dev.anomaly.model;

/**
 * How a detector keeps its model learning from the events it scores ({@code detect --learn}), one
 * {@link StreamLearner} per input partition: the autoencoder learns the events it does not flag, the random
 * cut forest every event; an isolation forest does not learn.
 *
 * @param learningRate Adam's rate for each step of an autoencoder
 * @param learnEvery an autoencoder learns one unflagged event in this many, to bound the cost per event
 */
public record OnlineLearning(double learningRate, int learnEvery) {
    /**
     * The default rate, from {@code evaluate} over five trainings on the generator and a shifted daily cycle:
     * 0.001 (training's) cost cpu spikes, 0.0001 followed the shift too slowly.
     */
    public static final double DEFAULT_LEARNING_RATE = 0.0003;
    /**
     * One event in four: as good as every one on the same figures, at a quarter of the cost (each learnt event
     * costs about one backward pass, some 4 µs with the default network).
     */
    public static final int DEFAULT_LEARN_EVERY = 4;

    /**
     * A learner's weights are saved with the batches that move them, in one record: networks larger than this
     * (a window of about 80 events of 10 features with the default layers) do not learn.
     */
    public static final long MAX_WEIGHTS_BYTES = 512 * 1024;

    public OnlineLearning {
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
        }
        if (learnEvery < 1) {
            throw new IllegalArgumentException("learnEvery must be at least 1, got " + learnEvery);
        }
    }

    /** Whether {@code model} learns this way: an autoencoder whose weights can be saved, or a random cut forest. */
    public static boolean learns(LoadedModel model) {
        return model.model() instanceof AutoencoderModel autoencoder
                ? AutoencoderLearner.weightsBytes(autoencoder) <= MAX_WEIGHTS_BYTES
                : model.model() instanceof RandomCutForestModel;
    }

    /** Why {@code model} does not learn although learning is on, or null when it does (or is not an autoencoder). */
    public static String whyNot(LoadedModel model) {
        if (model.model() instanceof AutoencoderModel autoencoder && !learns(model)) {
            return "the autoencoder does not keep learning: its weights ("
                    + AutoencoderLearner.weightsBytes(autoencoder) / 1024 + " KB) are too large to save with each batch"
                    + " (at most " + MAX_WEIGHTS_BYTES / 1024 + " KB; fewer --window events or smaller layers)";
        }
        return null;
    }

    /**
     * A learner for stream (input partition) {@code stream} of {@code model}, or null when it does not learn this
     * way ({@link #learns}). An autoencoder's weight decay is the training's default (model.json does not record
     * the one used); its input noise is the one it was trained with.
     */
    public StreamLearner newLearner(LoadedModel model, int stream) {
        if (!learns(model)) {
            return null;
        }
        int fingerprint = java.util.Objects.hash(model.version(), model.metadata().artifactSha256());
        if (model.model() instanceof RandomCutForestModel forest) {
            return forest.newLearner(fingerprint, model.metadata().layout(), model.threshold(), stream);
        }
        return new AutoencoderLearner((AutoencoderModel) model.model(), fingerprint, model.metadata().layout(),
                model.threshold(), learningRate, TrainingOptions.DEFAULT_L2, learnEvery,
                AutoencoderModel.inputNoise(model.metadata().parameters()));
    }
}
