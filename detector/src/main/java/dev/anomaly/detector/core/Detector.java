package dev.anomaly.detector.core;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.model.BatchScorer;
import dev.anomaly.common.model.BatchScores;
import dev.anomaly.common.model.FeatureSpec;
import dev.anomaly.common.model.InputLayout;
import dev.anomaly.common.model.InputMatrix;
import dev.anomaly.common.model.LoadedModel;
import dev.anomaly.common.model.ModelMetadata;
import dev.anomaly.common.model.WindowAssembler;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a batch with one model call: implausible values become rejections, events without a full window
 * wait, the rest are encoded into one input matrix and scored together. Windows are kept per partition,
 * so a rebalance can drop exactly the state of the partitions it takes away.
 *
 * <p>Not thread-safe: one detector per consumer thread.
 */
public final class Detector {
    private final LoadedModel model;
    private final ModelMetadata metadata;
    private final InputLayout layout;
    private final FeatureSpec spec;
    private final BatchScorer scorer;
    private final BatchScores scores;
    private final Map<Integer, WindowAssembler> windows = new HashMap<>();
    private final double[] window;
    private int[] matrixRows = new int[0];
    private float[] matrix = new float[0];

    public Detector(LoadedModel model) {
        this(model, null);
    }

    /**
     * A detector for a newly loaded model; the windows of {@code previous} carry over when both models read
     * the same features with the same window (they hold raw values, not scaled ones).
     */
    public Detector(LoadedModel model, Detector previous) {
        this(model, previous, null);
    }

    /**
     * As {@link #Detector(LoadedModel, Detector)}, for a long-running detector named {@code onlineInstance}:
     * a model that learns online resumes from that instance's saved state and {@link #checkpoint()} saves it.
     * Null: learn in memory only (a backtest).
     */
    public Detector(LoadedModel model, Detector previous, String onlineInstance) {
        this.model = model;
        this.metadata = model.metadata();
        this.layout = metadata.layout();
        this.spec = metadata.spec();
        this.scorer = onlineInstance == null ? model.newScorer() : model.newScorer(onlineInstance);
        this.scores = new BatchScores(spec.featureCount());
        this.window = new double[spec.metricInputs()];
        if (previous != null && previous.spec.equals(spec)) {
            windows.putAll(previous.windows);
        }
    }

    public LoadedModel model() {
        return model;
    }

    /** Saves what an online model learnt (nothing for static models). */
    public void checkpoint() {
        scorer.checkpoint();
    }

    /** Scores every valid record of the batch. */
    public void score(DetectionBatch batch) {
        int size = batch.size();
        if (matrixRows.length < size) {
            matrixRows = new int[size];
            matrix = new float[size * layout.inputs()];
        }
        int rows = 0;
        for (int slot = 0; slot < size; slot++) {
            matrixRows[slot] = -1;
            if (batch.outcome(slot) == Outcome.REJECTED) {
                continue;
            }
            double[] values = batch.values(slot);
            int implausible = metadata.firstImplausible(values);
            if (implausible >= 0) {
                batch.reject(slot, RejectReason.OUT_OF_RANGE, String.format(Locale.ROOT, "%s=%s",
                        spec.features().get(implausible), values[implausible]));
                continue;
            }
            double[] input = values;
            if (spec.window() > 1) {
                WindowAssembler assembler = windows.computeIfAbsent(batch.partition(slot),
                        p -> new WindowAssembler(spec));
                if (!assembler.push(batch.key(slot), values, window, 0)) {
                    batch.warmingUp(slot);
                    continue;
                }
                input = window;
            }
            layout.encode(input, 0, batch.time(slot), matrix, rows);
            matrixRows[slot] = rows++;
        }
        if (rows == 0) {
            return;
        }
        scorer.score(new InputMatrix(matrix, rows, layout.inputs()), scores);
        int features = spec.featureCount();
        for (int slot = 0; slot < size; slot++) {
            int row = matrixRows[slot];
            if (row < 0) {
                continue;
            }
            batch.scored(slot, scores.error(row), scores.threshold(row));
            for (int f = 0; f < features; f++) {
                batch.share(slot, f, scores.share(row, f));
            }
        }
    }

    /** Forgets the windows of a partition this detector no longer owns. */
    public void dropPartition(int partition) {
        windows.remove(partition);
    }

    /** Forgets all windows (after an aborted transaction the events will be read again). */
    public void clearWindows() {
        windows.clear();
    }
}
