package dev.anomaly.bench;

import dev.anomaly.model.EpochListener;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.ModelFamily;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.ModelStore;
import dev.anomaly.trainer.pipeline.TrainingOutcome;
import dev.anomaly.trainer.pipeline.TrainingPipeline;
import dev.anomaly.trainer.pipeline.TrainingSettings;
import java.nio.file.Path;

/**
 * The model the bench's detectors score with: {@code anomaly train}'s defaults (five metrics, window 1,
 * standard scaler, automatic seasonality, default layers, 95th percentile) on 5,000 generated events, with
 * fewer epochs, since the bench measures speed, not detection quality (the network's shape, not its
 * weights, decides the cost of scoring).
 */
final class BenchModel {
    static final int EVENTS = 5000;
    static final int EPOCHS = 10;

    private BenchModel() {
    }

    /** Trains the model and stores it as the current model of {@code directory}. */
    static ModelMetadata trainAndStore(Path directory, BenchEvents events) {
        return trainAndStore(directory, events, ModelFamily.AUTOENCODER);
    }

    /** Trains a model of {@code family} with anomaly train's defaults and stores it in {@code directory}. */
    static ModelMetadata trainAndStore(Path directory, BenchEvents events, ModelFamily family) {
        return trainAndStore(directory, events, family, FeatureSpec.defaults().window());
    }

    /** The same over windows of {@code window} events per host. */
    static ModelMetadata trainAndStore(Path directory, BenchEvents events, ModelFamily family, int window) {
        TrainingSettings settings = TrainingSettings.defaults(TrainingSettings.defaultOptions(EPOCHS, 42))
                .forFamily(family).withWindow(window);
        TrainingOutcome outcome = TrainingPipeline.run(TrainingData.generate(events, EVENTS), settings,
                EpochListener.none());
        return new ModelStore(directory).save(outcome.metadata(), outcome.model());
    }
}
