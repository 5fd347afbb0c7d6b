package dev.anomaly.model;

/**
 * One gradient step of the autoencoder as DL4J's {@code fit} takes it, on plain float arrays: the batch's
 * gradient ({@link ChunkedGradient}), divided by the batch's size, L2 decay on the weights
 * ({@link WeightDecay}), then {@link AdamUpdate}; with {@link InputNoise}, on noisy inputs and clean targets.
 * Owns the parameters while training; not thread-safe.
 */
final class TrainingStep implements AutoCloseable {
    /** Held-out rows are scored in chunks of this many: the loss is a sum, the buffers stay small. */
    private static final int SCORING_ROWS = 1024;

    private final DenseParameters parameters;
    private final float[] gradient;
    private final ChunkedGradient batches;
    private final DenseBackprop scoring;
    private final AdamUpdate adam;
    private final WeightDecay decay;
    /** Steps taken: with the row's place, it chooses a row's noise. */
    private long steps;

    /**
     * @param parameters updated in place
     * @param maxRows the largest batch
     * @param threads threads for the gradient; the result does not depend on them
     */
    TrainingStep(DenseParameters parameters, int maxRows, double learningRate, double l2, int threads) {
        this(parameters, maxRows, learningRate, l2, threads, InputNoise.none());
    }

    /** Steps that give the network its rows with {@code noise} (a denoising autoencoder). */
    TrainingStep(DenseParameters parameters, int maxRows, double learningRate, double l2, int threads,
                 InputNoise noise) {
        this.parameters = parameters;
        this.gradient = parameters.zeros();
        this.batches = new ChunkedGradient(parameters, maxRows, threads, noise);
        this.scoring = new DenseBackprop(parameters, Math.min(maxRows, SCORING_ROWS));
        this.adam = new AdamUpdate(gradient.length, learningRate);
        this.decay = new WeightDecay(parameters, l2);
    }

    /**
     * Fits the rows {@code order[start]} … {@code order[start + count - 1]} of {@code data} once.
     *
     * @return the score DL4J reports for the step: the batch's mean loss plus the decay's penalty, both
     *         before the update
     */
    double step(float[] data, int[] order, int start, int count) {
        float[] params = parameters.values();
        double score = batches.compute(data, order, start, count, params, gradient, steps++) / count
                + decay.penalty(params);
        float perRow = 1f / count;
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] *= perRow;
        }
        decay.addTo(params, gradient);
        adam.apply(params, gradient);
        return score;
    }

    /** DL4J's score of the current parameters on {@code inputs} as they are: mean loss plus penalty. */
    double score(InputMatrix inputs) {
        float[] params = parameters.values();
        return scoring.loss(inputs.values(), inputs.rows(), params) / inputs.rows() + decay.penalty(params);
    }

    @Override
    public void close() {
        batches.close();
    }
}
