package dev.anomaly.model;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import com.amazon.randomcutforest.state.RandomCutForestState;
import dev.anomaly.model.rcf.ForestStates;
import dev.anomaly.model.rcf.RandomCutForestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * AWS's random cut forest (Guha et al. 2016), learning online: in {@code detect}, every event is scored, then
 * added to its partition's forest ({@link ForestLearner}), so a lasting change becomes the new normal without a
 * retrain. The error is the forest's anomaly
 * score; the threshold stays the training percentile, so confidence = error / threshold means the same as
 * for the other models. (The thresholded variant's adaptive threshold was not used: it reports only the
 * first event of a run of anomalies, and the alerter already groups runs.) Temporal context comes from the
 * bundle's window, assembled per host, rather than the forest's internal shingling, which would mix hosts.
 *
 * @param template the trained forest's state; each scorer learns on its own copy
 */
public record RandomCutForestModel(RandomCutForestState template) implements TrainedModel {
    /** The shortest history it trains from: with half of it to warm up, ten events give the threshold. */
    public static final int MIN_ROWS = 20;

    /**
     * A trained forest and its prequential scores (each event scored before the forest learnt it, as the
     * detector scores): NaN for the first sample's worth of events, while the forest was filling up.
     */
    public record Fit(RandomCutForestModel model, double[] scores) {
    }

    /**
     * Learns {@code rows} in order (they should be in time order: the forest forgets the oldest first). The
     * forest scores from a warm-up on: a sample's worth of events, or half the rows of a short history, so
     * that it trains from a few tens of events and its sample fills while {@code detect} scores.
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_ROWS} rows
     */
    public static Fit fit(InputMatrix rows, RandomCutForestSettings settings) {
        if (rows.rows() < MIN_ROWS) {
            throw new IllegalArgumentException("a random cut forest needs at least " + MIN_ROWS
                    + " training events, got " + rows.rows());
        }
        int warmUp = warmUp(rows.rows(), settings.sampleSize());
        RandomCutForest forest = RandomCutForest.builder().dimensions(rows.columns())
                .numberOfTrees(settings.trees()).sampleSize(settings.sampleSize()).timeDecay(settings.timeDecay())
                .outputAfter(warmUp).randomSeed(settings.seed()).build();
        float[] point = new float[rows.columns()];
        double[] scores = new double[rows.rows()];
        for (int row = 0; row < rows.rows(); row++) {
            System.arraycopy(rows.values(), row * rows.columns(), point, 0, rows.columns());
            scores[row] = row >= warmUp ? forest.getAnomalyScore(point) : Double.NaN;
            forest.update(point);
        }
        return new Fit(new RandomCutForestModel(ForestStates.toState(forest)), scores);
    }

    /** Events learnt before the forest scores: a sample's worth, or half of a shorter history. */
    static int warmUp(int rows, int sampleSize) {
        return Math.min(sampleSize, Math.max(1, rows / 2));
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.RANDOM_CUT_FOREST;
    }

    /**
     * A scorer of the forest as trained, which learns nothing ({@code detect --no-learn}); a detector that keeps
     * learning uses a {@link ForestLearner} per partition instead.
     */
    @Override
    public BatchScorer newScorer(InputLayout layout, double threshold) {
        return new FrozenScorer(ForestStates.toForest(template), layout, threshold);
    }

    /** A learner of stream (partition) {@code stream}, from the trained forest. */
    public ForestLearner newLearner(int fingerprint, InputLayout layout, double threshold, int stream) {
        return new ForestLearner(template, fingerprint, layout, threshold, ForestLearner.DEFAULT_SNAPSHOT_EVERY,
                stream);
    }

    /**
     * The forest's score of {@code point}, and each input's share of it into {@code attribution} from
     * {@code from}: only for a score above the threshold (attribution is the costly part), zeros otherwise.
     */
    static double scoreAndAttribute(RandomCutForest forest, float[] point, double threshold, float[] attribution,
                                    int from) {
        double score = forest.getAnomalyScore(point);
        if (score > threshold) {
            DiVector parts = forest.getAnomalyAttribution(point);
            for (int i = 0; i < point.length; i++) {
                attribution[from + i] = (float) (parts.high[i] + parts.low[i]);
            }
        } else {
            Arrays.fill(attribution, from, from + point.length, 0f);
        }
        return score;
    }

    @Override
    public void write(Path file) throws IOException {
        Files.write(file, ForestStates.toJson(template));
    }

    @Override
    public void validate(InputLayout layout, Path file) {
        if (template.getDimensions() != layout.inputs()) {
            throw new ModelBundleException(file + ": the forest takes " + template.getDimensions() + " inputs, but "
                    + "model.json describes " + layout.inputs());
        }
    }

    static RandomCutForestModel read(Path file) {
        try {
            RandomCutForestState state = ForestStates.fromJson(Files.readAllBytes(file));
            ForestStates.toForest(state);
            return new RandomCutForestModel(state);
        } catch (IOException | RuntimeException e) {
            throw new ModelBundleException(file + ": not a readable random cut forest: " + e.getMessage(), e);
        }
    }

    /** Scores each event; attributes only the events above the threshold (the costly part). */
    private static final class FrozenScorer implements BatchScorer {
        private final RandomCutForest forest;
        private final InputLayout layout;
        private final double threshold;
        private double[] errors = new double[0];
        private float[] attribution = new float[0];
        private float[] point = new float[0];

        FrozenScorer(RandomCutForest forest, InputLayout layout, double threshold) {
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
            if (point.length != columns) {
                point = new float[columns];
            }
            for (int row = 0; row < rows; row++) {
                System.arraycopy(inputs.values(), row * columns, point, 0, columns);
                errors[row] = scoreAndAttribute(forest, point, threshold, attribution, row * columns);
            }
            FeatureShares.fold(layout, attribution, columns, rows, errors, threshold, scores);
        }
    }
}
