package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.TrainedModel;
import dev.anomaly.model.TrainingHistory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one family's trainer returns.
 *
 * @param model what was trained
 * @param layers the network's encoder sizes (empty for a forest)
 * @param parameters the family's own settings for model.json (trees, sample size, ...)
 * @param history losses per epoch (empty for a forest)
 * @param trainingErrors the normal training events' errors, where the threshold comes from
 * @param validationErrors the held-out normal events' errors, for the false-alarm check
 * @param figures epochs, losses and rows for model.json
 */
record FamilyFit(TrainedModel model, List<Integer> layers, Map<String, Object> parameters, TrainingHistory history,
                 double[] trainingErrors, double[] validationErrors, FitFigures figures) {
    FamilyFit {
        layers = List.copyOf(layers);
        // In the order given: model.json lists them so.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The history of a model without epochs. */
    static TrainingHistory noEpochs() {
        return new TrainingHistory(List.of(), List.of(), 0, false);
    }
}
