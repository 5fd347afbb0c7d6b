package dev.anomaly.model;

import java.nio.file.Path;

/** Reads a bundle's artifact file according to its family. */
final class TrainedModels {
    private TrainedModels() {
    }

    static TrainedModel read(ModelFamily family, Path file) {
        return switch (family) {
            case AUTOENCODER -> AutoencoderModel.read(file);
            case ISOLATION_FOREST -> IsolationForestModel.read(file);
            case RANDOM_CUT_FOREST -> RandomCutForestModel.read(file);
        };
    }
}
