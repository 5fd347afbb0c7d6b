package dev.anomaly.model;

/** Told after every training epoch, e.g. to move a progress bar. */
@FunctionalInterface
public interface EpochListener {
    /**
     * @param epoch 1-based
     * @param trainLoss mean loss of the epoch's batches
     * @param validationLoss loss on the held-out events, NaN without any
     */
    void onEpoch(int epoch, double trainLoss, double validationLoss);

    static EpochListener none() {
        return (epoch, trainLoss, validationLoss) -> { };
    }
}
