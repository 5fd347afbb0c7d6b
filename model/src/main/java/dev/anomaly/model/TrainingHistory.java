package dev.anomaly.model;

import java.util.List;

/**
 * The losses of a training run.
 *
 * @param trainLoss per epoch, the mean loss of its batches
 * @param validationLoss per epoch, the loss on the held-out events (NaN without any)
 * @param bestEpoch 1-based epoch whose weights were kept (lowest validation loss)
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 */
public record TrainingHistory(List<Double> trainLoss, List<Double> validationLoss, int bestEpoch,
                              boolean stoppedEarly) {
    public TrainingHistory {
        trainLoss = List.copyOf(trainLoss);
        validationLoss = List.copyOf(validationLoss);
    }

    public int epochsRun() {
        return trainLoss.size();
    }

    /** Training loss of the kept epoch. */
    public double finalTrainLoss() {
        return trainLoss.get(bestEpoch - 1);
    }

    /** Validation loss of the kept epoch. */
    public double finalValidationLoss() {
        return validationLoss.get(bestEpoch - 1);
    }
}
