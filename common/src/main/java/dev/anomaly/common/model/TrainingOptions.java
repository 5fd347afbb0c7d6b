package dev.anomaly.common.model;

/**
 * How the autoencoder is fitted.
 *
 * @param epochs the most passes over the training data
 * @param batchSize events per gradient step, or {@link #AUTO_BATCH}: 256 trains 5–7× faster than 32 for a
 *     small quality cost; DL4J spends ≈ 2.6 ms per step whatever its size, so large training sets take
 *     bigger batches (about 100 steps per epoch), and small ones smaller batches (at least 10 steps per
 *     epoch, or 300 events would get one step per epoch)
 * @param patience stop when the validation loss has not improved for this many epochs; 0 = never
 * @param learningRate Adam's learning rate
 * @param seed fixes weights and shuffling: the same data and seed give the same model
 */
public record TrainingOptions(int epochs, int batchSize, int patience, double learningRate, long seed) {
    public static final int DEFAULT_EPOCHS = 50;
    /** The batch size for up to {@value #STEPS_PER_EPOCH} × 256 training events. */
    public static final int DEFAULT_BATCH_SIZE = 256;
    /** Chooses the batch size from the number of training events. */
    public static final int AUTO_BATCH = 0;
    /** With {@link #AUTO_BATCH}, large training sets are cut into about this many batches per epoch. */
    static final int STEPS_PER_EPOCH = 100;
    /** With {@link #AUTO_BATCH}, batches never grow beyond this. */
    static final int MAX_AUTO_BATCH = 4096;
    /** With {@link #AUTO_BATCH}, small training sets still get this many steps per epoch. */
    static final int MIN_STEPS_PER_EPOCH = 10;
    /** With {@link #AUTO_BATCH}, batches never shrink below this (the tutorials' size). */
    static final int MIN_AUTO_BATCH = 32;
    public static final int DEFAULT_PATIENCE = 10;

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
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
        }
    }

    /** The batch size for {@code rows} training events. */
    public int effectiveBatchSize(int rows) {
        if (batchSize != AUTO_BATCH) {
            return batchSize;
        }
        int size = DEFAULT_BATCH_SIZE;
        while (size > MIN_AUTO_BATCH && rows / size < MIN_STEPS_PER_EPOCH) {
            size >>= 1;
        }
        while (size < MAX_AUTO_BATCH && rows / size > STEPS_PER_EPOCH) {
            size <<= 1;
        }
        return size;
    }
}
