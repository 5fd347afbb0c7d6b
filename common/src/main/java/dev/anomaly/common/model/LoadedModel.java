package dev.anomaly.common.model;

import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A validated model bundle in memory, ready to score.
 *
 * @param metadata what model.json says
 * @param network the trained network (a template: each scoring thread gets its own copy)
 * @param directory the bundle directory it was loaded from
 */
public record LoadedModel(ModelMetadata metadata, MultiLayerNetwork network, Path directory) {
    /** A scorer with its own copy of the network, for one scoring thread. */
    public ReconstructionScorer newScorer() {
        return new ReconstructionScorer(network.clone(), metadata.layout());
    }

    public String version() {
        return metadata.version();
    }

    public double threshold() {
        return metadata.threshold();
    }
}
