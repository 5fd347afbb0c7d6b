package dev.anomaly.model;

/**
 * How the autoencoder is fitted.
 *
 * @param epochs the most passes over the training data
 * @param batchSize events per gradient step, or {@link #AUTO_BATCH}: 256 trains 5–7× faster than 32 for a
 *     small quality cost (measured when DL4J ran each step at ≈ 2.6 ms whatever its size; a step now costs
 *     in proportion to its batch), so large training sets take bigger batches; every set gets 100 to 200 steps per epoch (batch 32 to 4096): measured on 5,000
 *     generated events over five seeds, 15 steps per epoch left the network so undertrained that it
 *     caught 52% of cpu spikes, 56 steps 86–99%, 112 steps 98–99.5%
 * @param patience stop when the validation loss has not improved for this many epochs; 0 = never
 * @param learningRate Adam's learning rate
 * @param l2 weight decay; it narrows the gap between the training errors the threshold comes from and the
 *     errors of new normal events
 * @param seed fixes weights, shuffling and noise: the same data and seed give the same model
 * @param inputNoise the standard deviation of the noise added to the metric inputs while fitting, in scaled
 *     units ({@link InputNoise}); 0 for none
 */
public record TrainingOptions(int epochs, int batchSize, int patience, double learningRate, double l2, long seed,
                              double inputNoise) {
    public static final int DEFAULT_EPOCHS = 50;
    /** The tutorials' batch size, the smallest {@link #AUTO_BATCH} picks. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Chooses the batch size from the number of training events. */
    public static final int AUTO_BATCH = 0;
    /** With {@link #AUTO_BATCH}, training sets are cut into at least this many batches per epoch. */
    static final int STEPS_PER_EPOCH = 100;
    /** With {@link #AUTO_BATCH}, batches never grow beyond this. */
    static final int MAX_AUTO_BATCH = 4096;
    public static final int DEFAULT_PATIENCE = 10;
    /** Weight decay unless told otherwise; also what an autoencoder learning in detect uses. */
    public static final double DEFAULT_L2 = 0.001;

    /** Options that fit the network to reconstruct its inputs as they are (no input noise). */
    public TrainingOptions(int epochs, int batchSize, int patience, double learningRate, double l2, long seed) {
        this(epochs, batchSize, patience, learningRate, l2, seed, 0);
    }

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be at least 1 (or 0 for auto), got " + batchSize);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be 0 or more, got " + patience);
        }
        if (!(l2 >= 0 && l2 < 1)) {
            throw new IllegalArgumentException("l2 must be in [0, 1), got " + l2);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
        }
        if (!(inputNoise >= 0 && inputNoise <= InputNoise.MAX_DEVIATION)) {
            throw new IllegalArgumentException("input noise must be 0.." + InputNoise.MAX_DEVIATION + ", got "
                    + inputNoise);
        }
    }

    /** The same options with {@code deviation} of input noise. */
    public TrainingOptions withInputNoise(double deviation) {
        return new TrainingOptions(epochs, batchSize, patience, learningRate, l2, seed, deviation);
    }

    /** The batch size for {@code rows} training events. */
    public int effectiveBatchSize(int rows) {
        if (batchSize != AUTO_BATCH) {
            return batchSize;
        }
        // The largest power of two that still gives STEPS_PER_EPOCH steps, within [32, 4096].
        int size = DEFAULT_BATCH_SIZE;
        while (size < MAX_AUTO_BATCH && rows / (size * 2) >= STEPS_PER_EPOCH) {
            size <<= 1;
        }
        return size;
    }
}
