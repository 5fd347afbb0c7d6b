package dev.anomaly.model;

import java.nio.ByteBuffer;

/**
 * An autoencoder that keeps learning from the events of one stream (one input partition) as it scores them.
 *
 * <p>The stream is cut into blocks of {@link #BLOCK} events by position. A block is scored with the weights
 * the blocks before it left; at its end, the block's events the detector did not flag move the weights one
 * Adam step (the training's loss, learning rate and weight decay). Weights therefore change only at fixed
 * positions of the stream, never at a batch's edge, so the scores do not depend on how the events were
 * batched, and the whole state (weights, Adam's moments, the block so far) can be saved with each batch and
 * restored after a restart or a rebalance ({@link #weights()}, {@link #progress()}, {@link #restore}).
 *
 * <p>Not thread-safe: one learner per partition, on the detector's thread.
 */
public final class AutoencoderLearner implements StreamLearner {
    /** Events per step: a step's cost is shared by this many events. */
    public static final int BLOCK = 64;
    private static final int WEIGHTS_FORMAT = 1;
    private static final int PROGRESS_FORMAT = 2;
    private static final int WEIGHTS_HEADER = 4 * 4 + 8;
    private static final int PROGRESS_HEADER = 4 * 5 + 8 + 8;
    /** The part holding {@link #weights()}. */
    private static final int WEIGHTS_PART = 0;

    private final InputLayout layout;
    private final double threshold;
    private final DenseParameters parameters;
    private final AdamUpdate adam;
    private final WeightDecay decay;
    private final DenseBackprop backprop;
    private final float[] gradient;
    /** The weights and Adam's moments before the step being taken, to go back to. */
    private final float[] before;
    private final int[] order = new int[BLOCK];
    private final int learnEvery;
    /** The unflagged events of this block that will be learnt, row-major. */
    private final float[] kept;
    private int keptRows;
    /** Events of this block observed so far. */
    private int position;
    /** Unflagged events ever observed, for taking one in {@code learnEvery}. */
    private long unflagged;
    private ReconstructionScorer scorer;
    /** Tells this model's saved state from another's. */
    private final int fingerprint;
    /** Steps taken: it tells saved weights and progress of one moment from another's. */
    private long generation;
    private long savedGeneration;

    /**
     * @param model the trained model, copied: it is never changed
     * @param fingerprint identifies the model in saved state (e.g. its version's hash)
     * @param learningRate Adam's rate for the steps
     * @param l2 weight decay, as in training
     * @param learnEvery learn one unflagged event in this many (1: every one), to bound the cost
     */
    public AutoencoderLearner(AutoencoderModel model, int fingerprint, InputLayout layout, double threshold,
                              double learningRate, double l2, int learnEvery) {
        this(model, fingerprint, layout, threshold, learningRate, l2, learnEvery, 0);
    }

    /**
     * A learner that gives the network its events with the noise the model was trained with (a denoising
     * autoencoder stays one), chosen by the step and the event's place in the block so a restored learner goes
     * on exactly as the one before it.
     *
     * @param inputNoise the training's input noise ({@link InputNoise#deviation()}), 0 for none
     */
    public AutoencoderLearner(AutoencoderModel model, int fingerprint, InputLayout layout, double threshold,
                              double learningRate, double l2, int learnEvery, double inputNoise) {
        if (learnEvery < 1) {
            throw new IllegalArgumentException("learnEvery must be at least 1, got " + learnEvery);
        }
        this.fingerprint = fingerprint;
        this.layout = layout;
        this.threshold = threshold;
        this.parameters = DenseParameters.of(model.network());
        if (parameters.size(0) != layout.inputs()) {
            throw new IllegalArgumentException("the network takes " + parameters.size(0) + " inputs, the layout gives "
                    + layout.inputs());
        }
        this.adam = new AdamUpdate(parameters.values().length, learningRate);
        this.decay = new WeightDecay(parameters, l2);
        this.backprop = new DenseBackprop(parameters, BLOCK,
                new InputNoise(inputNoise, layout.metricInputs(), fingerprint));
        this.gradient = parameters.zeros();
        this.before = new float[3 * gradient.length];
        this.learnEvery = learnEvery;
        this.kept = new float[BLOCK * layout.inputs()];
        for (int i = 0; i < BLOCK; i++) {
            order[i] = i;
        }
        this.scorer = new ReconstructionScorer(DenseForwardPass.of(parameters), layout, threshold);
    }

    /** Events that can be scored before the weights may change: up to the end of the current block. */
    @Override
    public int untilStep() {
        return BLOCK - position;
    }

    /** Scores rows with the current weights; at most {@link #untilStep()} of them before they are observed. */
    @Override
    public void score(InputMatrix inputs, BatchScores scores) {
        scorer.score(inputs, scores);
    }

    /**
     * The next event of the stream, after it was scored: an unflagged one may be learnt. At the block's end
     * the weights take a step.
     *
     * @param values the event's encoded inputs, from {@code offset}
     */
    @Override
    public void observe(float[] values, int offset, boolean flagged) {
        if (!flagged && unflagged++ % learnEvery == 0) {
            System.arraycopy(values, offset, kept, keptRows * layout.inputs(), layout.inputs());
            keptRows++;
        }
        if (++position == BLOCK) {
            // The block ends here whatever the step does, so a failing step cannot hold the stream.
            int rows = keptRows;
            position = 0;
            keptRows = 0;
            if (rows > 0) {
                step(rows);
            }
        }
    }

    /**
     * One Adam step on the kept events. A step that would leave a weight or one of Adam's moments that is not
     * finite (events of a scale the network cannot take) is not taken, so one block can never stop the
     * partition's scoring.
     */
    private void step(int rows) {
        float[] params = parameters.values();
        java.util.Arrays.fill(gradient, 0);
        double loss = backprop.accumulate(kept, order, 0, rows, params, gradient, generation);
        if (!Double.isFinite(loss)) {
            return;
        }
        float perRow = 1f / rows;
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] *= perRow;
        }
        decay.addTo(params, gradient);
        int count = params.length;
        System.arraycopy(params, 0, before, 0, count);
        System.arraycopy(adam.mean(), 0, before, count, count);
        System.arraycopy(adam.variance(), 0, before, 2 * count, count);
        int steps = adam.steps();
        adam.apply(params, gradient);
        if (!allFinite(params) || !allFinite(adam.mean()) || !allFinite(adam.variance())) {
            System.arraycopy(before, 0, params, 0, count);
            adam.restore(java.util.Arrays.copyOfRange(before, count, 2 * count),
                    java.util.Arrays.copyOfRange(before, 2 * count, 3 * count), steps);
            return;
        }
        generation++;
        scorer = new ReconstructionScorer(DenseForwardPass.of(parameters), layout, threshold);
    }

    /** Whether every value is finite (neither NaN nor infinite). */
    static boolean allFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "an autoencoder %,d steps from its trained weights", generation);
    }

    /** Steps taken since the trained weights. */
    public long steps() {
        return generation;
    }

    /** Whether the weights stepped since they were last saved ({@link #weights()}) or restored. */
    public boolean weightsChanged() {
        return savedGeneration != generation;
    }

    /**
     * The weights and Adam's moments, the large part of the state: it changes once a block. Marks them saved.
     */
    public byte[] weights() {
        float[] params = parameters.values();
        ByteBuffer buffer = ByteBuffer.allocate(WEIGHTS_HEADER + 4 * 3 * params.length);
        buffer.putInt(WEIGHTS_FORMAT).putInt(fingerprint).putInt(params.length).putLong(generation)
                .putInt(adam.steps());
        buffer.asFloatBuffer().put(params).put(adam.mean()).put(adam.variance());
        savedGeneration = generation;
        return buffer.array();
    }

    /** Where this learner is in its block, with the events kept for the next step: small, saved every batch. */
    public byte[] progress() {
        int columns = layout.inputs();
        ByteBuffer buffer = ByteBuffer.allocate(PROGRESS_HEADER + 4 * keptRows * columns);
        buffer.putInt(PROGRESS_FORMAT).putInt(fingerprint).putInt(columns).putLong(generation).putInt(position)
                .putLong(unflagged).putInt(keptRows);
        buffer.asFloatBuffer().put(kept, 0, keptRows * columns);
        return buffer.array();
    }

    /**
     * Continues from saved {@link #weights()} (null: none were ever saved, the trained weights) and
     * {@link #progress()}.
     *
     * @return false, changing nothing, when they belong to another model, to different steps of this one, or
     *     cannot be read
     */
    public boolean restore(byte[] savedWeights, byte[] savedProgress) {
        int count = parameters.values().length;
        int columns = layout.inputs();
        if (savedProgress == null || savedProgress.length < PROGRESS_HEADER) {
            return false;
        }
        ByteBuffer progress = ByteBuffer.wrap(savedProgress);
        if (progress.getInt() != PROGRESS_FORMAT || progress.getInt() != fingerprint || progress.getInt() != columns) {
            return false;
        }
        long savedSteps = progress.getLong();
        int savedPosition = progress.getInt();
        long savedUnflagged = progress.getLong();
        int savedRows = progress.getInt();
        if (savedSteps < 0 || savedPosition < 0 || savedPosition >= BLOCK || savedRows < 0
                || savedRows > savedPosition || savedUnflagged < 0
                || progress.remaining() != 4 * savedRows * columns) {
            return false;
        }
        float[] params = null;
        float[] mean = new float[count];
        float[] variance = new float[count];
        int adamSteps = 0;
        if (savedWeights == null) {
            if (savedSteps != 0) {
                return false;
            }
        } else {
            ByteBuffer weights = ByteBuffer.wrap(savedWeights);
            if (savedWeights.length != WEIGHTS_HEADER + 4 * 3 * count || weights.getInt() != WEIGHTS_FORMAT
                    || weights.getInt() != fingerprint || weights.getInt() != count
                    || weights.getLong() != savedSteps) {
                return false;
            }
            adamSteps = weights.getInt();
            params = new float[count];
            weights.asFloatBuffer().get(params).get(mean).get(variance);
            if (adamSteps < 0 || !allFinite(params) || !allFinite(mean) || !allFinite(variance)) {
                return false;
            }
        }
        if (params != null) {
            System.arraycopy(params, 0, parameters.values(), 0, count);
            adam.restore(mean, variance, adamSteps);
        }
        progress.asFloatBuffer().get(kept, 0, savedRows * columns);
        position = savedPosition;
        unflagged = savedUnflagged;
        keptRows = savedRows;
        generation = savedSteps;
        savedGeneration = savedSteps;
        scorer = new ReconstructionScorer(DenseForwardPass.of(parameters), layout, threshold);
        return true;
    }

    /** The weights when they stepped since last saved, then the progress. */
    @Override
    public byte[] save(PartSink parts) {
        if (weightsChanged()) {
            parts.part(WEIGHTS_PART, weights());
        }
        return progress();
    }

    @Override
    public void unsaved() {
        savedGeneration = -1;
    }

    @Override
    public boolean restore(byte[] progress, java.util.function.IntFunction<byte[]> parts) {
        return restore(parts.apply(WEIGHTS_PART), progress);
    }

    /** Bytes of {@link #weights()} for {@code model}: known before any learning, to tell whether it can be saved. */
    public static long weightsBytes(AutoencoderModel model) {
        return WEIGHTS_HEADER + 4L * 3 * model.network().numParams();
    }
}
