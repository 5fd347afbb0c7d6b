package dev.anomaly.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What training produced for one model family, independent of how it is stored in model.json: it scores
 * batches and writes itself to the bundle's artifact file.
 */
public interface TrainedModel {
    ModelFamily family();

    /**
     * A scorer for one thread, of the model as trained, judging every event against {@code threshold}
     * (learning from the stream is a {@link StreamLearner}'s, see {@link OnlineLearning}).
     */
    BatchScorer newScorer(InputLayout layout, double threshold);

    /** Writes the artifact (e.g. the DL4J network) to {@code file}. */
    void write(Path file) throws IOException;

    /**
     * Checks that the artifact fits the layout model.json describes.
     *
     * @throws ModelBundleException naming the file and the mismatch
     */
    void validate(InputLayout layout, Path file);
}
