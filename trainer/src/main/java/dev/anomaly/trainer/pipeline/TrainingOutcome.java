package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.SeasonalityDetector;
import dev.anomaly.model.TrainedModel;
import dev.anomaly.model.TrainingHistory;
import java.util.List;

/**
 * A trained model before it is stored, with what the report and the charts need.
 *
 * @param metadata the model.json content (the artifact file is named when stored)
 * @param model what was trained
 * @param history losses per epoch (none for forests)
 * @param trainingErrors per-event reconstruction errors of the training events
 * @param validationErrors per-event errors of the held-out events
 * @param detected what seasonality detection found (also when not used)
 * @param warnings things the operator should know about the training data or the fit
 */
public record TrainingOutcome(ModelMetadata metadata, TrainedModel model, TrainingHistory history,
                              double[] trainingErrors, double[] validationErrors, SeasonalityDetector.Result detected,
                              List<String> warnings) {
    public TrainingOutcome {
        warnings = List.copyOf(warnings);
    }
}
