package dev.anomaly.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.model.iforest.IsolationForest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained isolation forest (Liu, Ting &amp; Zhou 2008): the error is c(ψ)/E[h(x)], about 1 for typical
 * events and larger the faster random splits isolate an event. Trained on the same inputs as the
 * autoencoder (scaled features and time-of-cycle inputs), so the detector treats both alike.
 *
 * @param forest the trees; immutable and safe to share between scorers
 */
public record IsolationForestModel(IsolationForest forest) implements TrainedModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ModelFamily family() {
        return ModelFamily.ISOLATION_FOREST;
    }

    @Override
    public BatchScorer newScorer(InputLayout layout, double threshold) {
        return new ForestScorer(forest, layout, threshold);
    }

    @Override
    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), forest.toJson());
    }

    @Override
    public void validate(InputLayout layout, Path file) {
        if (forest.columns() != layout.inputs()) {
            throw new ModelBundleException(file + ": the forest takes " + forest.columns() + " inputs, but model.json "
                    + "describes " + layout.inputs());
        }
    }

    static IsolationForestModel read(Path file) {
        try {
            return new IsolationForestModel(IsolationForest.fromJson(JSON.readTree(Files.readAllBytes(file))));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelBundleException(file + ": not a readable isolation forest: " + e.getMessage(), e);
        }
    }

    /** Scores with the forest and folds the per-input attribution back onto the features. */
    private static final class ForestScorer implements BatchScorer {
        private final IsolationForest forest;
        private final InputLayout layout;
        private final double threshold;
        private double[] errors = new double[0];
        private float[] attribution = new float[0];

        ForestScorer(IsolationForest forest, InputLayout layout, double threshold) {
            this.forest = forest;
            this.layout = layout;
            this.threshold = threshold;
        }

        @Override
        public void score(InputMatrix inputs, BatchScores scores) {
            int rows = inputs.rows();
            int columns = inputs.columns();
            if (errors.length < rows) {
                errors = new double[rows];
                attribution = new float[rows * columns];
            }
            forest.score(inputs.values(), rows, errors, attribution);
            FeatureShares.fold(layout, attribution, columns, rows, errors, threshold, scores);
        }
    }
}
