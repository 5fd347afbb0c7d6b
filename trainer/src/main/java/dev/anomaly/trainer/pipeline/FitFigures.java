package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.TrainingHistory;
import dev.anomaly.model.TrainingOptions;
import dev.anomaly.model.TrainingSummary;

/**
 * What a family reports about its fit for model.json: epochs and losses for a network; for a forest, which
 * has neither, no epochs and the median training score as its loss.
 *
 * @param trainRows rows the model was fitted on
 */
record FitFigures(int trainRows, int epochs, int epochsRun, int bestEpoch, int batchSize, double learningRate,
                  int patience, double trainLoss, double validationLoss) {
    static FitFigures network(TrainingOptions options, TrainingHistory history, int trainRows) {
        return new FitFigures(trainRows, options.epochs(), history.epochsRun(), history.bestEpoch(),
                options.effectiveBatchSize(trainRows), options.learningRate(), options.patience(),
                history.finalTrainLoss(), history.finalValidationLoss());
    }

    static FitFigures forest(int trainRows, double medianScore) {
        return new FitFigures(trainRows, 0, 0, 0, 0, Double.NaN, 0, medianScore, Double.NaN);
    }

    TrainingSummary summary(int samples, int validationRows, long excludedLabelled, long seed,
                            double validationFalseAlarmRate, double seconds) {
        return new TrainingSummary(samples, trainRows, validationRows, excludedLabelled, epochs, epochsRun,
                bestEpoch, batchSize, learningRate, seed, patience, trainLoss, validationLoss,
                validationFalseAlarmRate, seconds);
    }
}
