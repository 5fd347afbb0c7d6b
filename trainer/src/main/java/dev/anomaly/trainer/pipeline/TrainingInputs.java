package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.InputLayout;
import dev.anomaly.model.InputMatrix;
import dev.anomaly.trainer.source.TrainingEvent;
import java.util.List;

/**
 * What every family trains from, prepared once by the pipeline: the scaler and the seasonality are chosen, the
 * held-out split is made. The autoencoder fits the normal windows; the forests replay the whole stream.
 *
 * @param spec features and window
 * @param layout how an event becomes the model's inputs (scaler and time-of-cycle inputs)
 * @param events every collected event in time order, labelled ones included, per-host scaled when asked
 * @param train the normal windows fitted on, encoded
 * @param validation the normal windows held out, encoded
 */
record TrainingInputs(FeatureSpec spec, InputLayout layout, List<TrainingEvent> events, InputMatrix train,
                      InputMatrix validation) {
}
