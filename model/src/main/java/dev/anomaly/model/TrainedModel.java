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
     * A scorer for one thread. A static model's scorer judges every event against {@code threshold}; an
     * online model's scorer keeps learning and may move its threshold.
     */
    BatchScorer newScorer(InputLayout layout, double threshold);

    /**
     * A scorer that, for a model that learns online, resumes from {@code onlineState} when it exists and
     * saves what it learnt there on {@link BatchScorer#checkpoint()}. Static models ignore the file.
     */
    default BatchScorer newScorer(InputLayout layout, double threshold, Path onlineState) {
        return newScorer(layout, threshold);
    }

    /** Writes the artifact (e.g. the DL4J network) to {@code file}. */
    void write(Path file) throws IOException;

    /**
     * Checks that the artifact fits the layout model.json describes.
     *
     * @throws ModelBundleException naming the file and the mismatch
     */
    void validate(InputLayout layout, Path file);
}
