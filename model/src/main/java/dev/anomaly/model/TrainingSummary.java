package dev.anomaly.model;

/**
 * How a model was trained, as recorded in model.json.
 *
 * @param samples events used (training + validation)
 * @param trainSamples events the network was fitted on
 * @param validationSamples held-out events
 * @param excludedLabelled events left out because they carried an anomaly label
 * @param epochs the most epochs asked for
 * @param epochsRun epochs actually run (early stopping may end sooner)
 * @param bestEpoch the epoch whose weights were kept
 * @param batchSize events per gradient step
 * @param learningRate Adam's learning rate
 * @param seed the random seed
 * @param patience early-stopping patience in epochs
 * @param trainLoss training loss of the kept epoch
 * @param validationLoss validation loss of the kept epoch (NaN without validation events)
 * @param validationFalseAlarmRate share of held-out normal events above the threshold
 * @param trainingSeconds wall-clock time of the fit
 */
public record TrainingSummary(int samples, int trainSamples, int validationSamples, long excludedLabelled,
                              int epochs, int epochsRun, int bestEpoch, int batchSize, double learningRate,
                              long seed, int patience, double trainLoss, double validationLoss,
                              double validationFalseAlarmRate, double trainingSeconds) {
}
