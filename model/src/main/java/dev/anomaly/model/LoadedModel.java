package dev.anomaly.model;

import java.nio.file.Path;

/**
 * A validated model bundle in memory, ready to score.
 *
 * @param metadata what model.json says
 * @param model what training produced (a template: each scoring thread gets its own scorer)
 * @param directory the bundle directory it was loaded from
 */
public record LoadedModel(ModelMetadata metadata, TrainedModel model, Path directory) {
    /** A scorer for one scoring thread, judging errors against the bundle's threshold. */
    public BatchScorer newScorer() {
        return model.newScorer(metadata.layout(), metadata.threshold());
    }

    public String version() {
        return metadata.version();
    }

    public double threshold() {
        return metadata.threshold();
    }

    public ModelFamily family() {
        return metadata.family();
    }
}
