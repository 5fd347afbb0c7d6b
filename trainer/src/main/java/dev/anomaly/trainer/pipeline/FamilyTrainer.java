package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.EpochListener;
import dev.anomaly.model.ModelFamily;

/** Fits one model family on the prepared inputs and scores the events its threshold is taken from. */
interface FamilyTrainer {
    FamilyFit fit(TrainingInputs inputs, TrainingSettings settings, EpochListener listener);

    static FamilyTrainer of(ModelFamily family) {
        return switch (family) {
            case AUTOENCODER -> new AutoencoderTraining();
            case ISOLATION_FOREST -> new IsolationForestTraining();
            case RANDOM_CUT_FOREST -> new OnlineForestTraining();
        };
    }
}
