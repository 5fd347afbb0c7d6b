package dev.anomaly.detector.core;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.model.BatchScorer;
import dev.anomaly.model.BatchScores;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.InputLayout;
import dev.anomaly.model.InputMatrix;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.OnlineLearning;
import dev.anomaly.model.StreamLearner;
import dev.anomaly.common.event.Severity;
import dev.anomaly.detector.state.HostState;
import dev.anomaly.detector.state.HostWindows;
import dev.anomaly.detector.state.LikelihoodSettings;
import dev.anomaly.detector.state.TypicalLimits;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Scores a batch with one model call: implausible values become rejections, events without a full window
 * wait, the rest are encoded into one input matrix and scored together. With likelihood on, each error is
 * then judged against its host's own baseline, in the batch's order: once the host has warmed up, an anomaly
 * is an error above the model's threshold that is also unlikely for this host (so likelihood only ever
 * removes alarms); before that, and without likelihood, the model's threshold alone decides.
 *
 * <p>A model that keeps learning ({@link OnlineLearning}) is scored partition by partition instead, by that
 * partition's {@link StreamLearner}, in calls that end where the learner may change, and each judged row then
 * goes to the learner: the outcome is the one scoring the stream event by event would give.
 *
 * <p>Nothing one record holds can make it throw: an unexpected failure while preparing a record rejects
 * that record ({@link RejectReason#INTERNAL_ERROR}); a failure of the batched model call is retried one
 * row at a time, so only the rows that fail alone are rejected.
 *
 * <p>The host windows are passed in, not owned: they outlive a model switch (when both models read the
 * same windows) and are restored from the changelog after a fault. Not thread-safe: one detector per
 * consumer thread.
 */
public final class Detector {
    private final LoadedModel model;
    private final ModelMetadata metadata;
    private final InputLayout layout;
    private final FeatureSpec spec;
    /** Null when the model learns: its learners score. */
    private final BatchScorer scorer;
    private final BatchScores scores;
    private final BatchScores single;
    private final HostWindows windows;
    private final double[] window;
    private final double[] typicalBefore;
    private final LikelihoodSettings likelihood;
    private int[] matrixRows = new int[0];
    private HostState[] rowStates = new HostState[0];
    /** Per row, the host's clock right after the event was pushed (a later event of the host moves it). */
    private long[] rowClocks = new long[0];
    /** Per row and feature, how the event was scaled for its host, to bring expected values back. */
    private double[] rowOffsets = new double[0];
    private double[] rowFactors = new double[0];
    /** Per row and feature, the host's typical low, median and high before the event. */
    private double[] rowTypical = new double[0];
    private float[] matrix = new float[0];
    private String[] rowFailures = new String[0];
    /** Null: the model is used as trained. */
    private final PartitionLearners learners;
    /** Rows gathered for one learner call at most: an autoencoder's block (a forest takes any number). */
    private static final int LEARN_CHUNK = 64;
    /** The rows of one learner's call, gathered from the matrix. */
    private final float[] learnRows;
    private long[] byPartition = new long[0];

    /** A detector keeping its own windows with the default idle timeout, using the model as trained (tests). */
    public Detector(LoadedModel model) {
        this(model, new HostWindows(model.metadata().spec(), HostWindows.DEFAULT_IDLE_TIMEOUT, null,
                model.metadata().hostBaselines(), TypicalLimits.of(model.metadata())), null);
    }

    /**
     * @param windows the hosts' windows, for this model's feature spec
     * @param learning how the model keeps learning from what it scores, one learner per input partition, or
     *     null: never (an isolation forest never learns)
     */
    public Detector(LoadedModel model, HostWindows windows, OnlineLearning learning) {
        this.model = model;
        this.metadata = model.metadata();
        this.layout = metadata.layout();
        this.spec = metadata.spec();
        if (!windows.fits(spec, metadata.hostBaselines())) {
            throw new IllegalArgumentException("windows for " + windows.spec() + " cannot feed model " + spec
                    + (metadata.hostBaselines() != null ? ", which scales per host" : ""));
        }
        this.windows = windows;
        this.scores = new BatchScores(spec.featureCount());
        this.single = new BatchScores(spec.featureCount());
        this.window = new double[spec.metricInputs()];
        this.typicalBefore = new double[3 * spec.featureCount()];
        this.likelihood = windows.likelihood();
        this.learners = learning != null && OnlineLearning.learns(model) ? new PartitionLearners(model, learning)
                : null;
        // A learning model scores through its learners: no scorer of the trained model (a forest's is a copy).
        this.scorer = learners == null ? model.newScorer() : null;
        this.learnRows = learners == null ? new float[0] : new float[LEARN_CHUNK * layout.inputs()];
    }

    public LoadedModel model() {
        return model;
    }

    public HostWindows windows() {
        return windows;
    }

    /** Whether this detector's model keeps learning from what it scores ({@code --learn}). */
    public boolean learns() {
        return learners != null;
    }

    /**
     * Hands the state of {@code partition}'s learner to {@code sink}: its progress (null when the partition has
     * none yet), and the parts of its state that changed since last saved. For the changelog, in every batch's
     * transaction, for every partition the batch read.
     */
    public void saveLearner(int partition, LearnerSink sink) {
        if (learners != null) {
            learners.save(partition, sink);
        }
    }

    /**
     * Sets the learner of {@code partition} to the saved state, or to the trained model when there is none.
     * Saved state of another model (the changelog keeps it until this model's first batch of the partition) or
     * unreadable state is not used.
     *
     * @param progress the saved progress, or null
     * @param parts the saved parts by slot (null for a part never saved)
     * @return false when there was saved state and it could not be used (the learner starts from the trained
     *     model)
     */
    public boolean restoreLearner(int partition, byte[] progress, IntFunction<byte[]> parts) {
        return learners == null || learners.restore(partition, progress, parts);
    }

    /**
     * What {@link #saveLearner} last handed over for {@code partition} was not written (too large for the
     * changelog): the next save hands over the learner's whole state again.
     */
    public void learnerNotSaved(int partition) {
        if (learners != null) {
            learners.unsaved(partition);
        }
    }

    /** What the learner of {@code partition} has learnt, for the console; null when the model does not learn. */
    public String describeLearner(int partition) {
        return learners == null ? null : learners.describe(partition);
    }

    /** Forgets the learner of a partition no longer owned. */
    public void dropLearner(int partition) {
        if (learners != null) {
            learners.drop(partition);
        }
    }

    /** Receives a learner's saved state. */
    @FunctionalInterface
    public interface LearnerSink {
        /**
         * @param progress null: no learner
         * @param parts the parts that changed since the last save, to be written before the progress
         */
        void save(byte[] progress, List<StreamLearner.Part> parts);
    }

    /** Scores every valid record of the batch. */
    public void score(DetectionBatch batch) {
        int size = batch.size();
        if (matrixRows.length < size) {
            matrixRows = new int[size];
            rowStates = new HostState[size];
            rowClocks = new long[size];
            rowOffsets = new double[size * spec.featureCount()];
            rowFactors = new double[size * spec.featureCount()];
            rowTypical = new double[size * 3 * spec.featureCount()];
            matrix = new float[size * layout.inputs()];
            rowFailures = new String[size];
        }
        int rows = 0;
        for (int slot = 0; slot < size; slot++) {
            matrixRows[slot] = -1;
            if (batch.outcome(slot) == Outcome.REJECTED) {
                continue;
            }
            try {
                if (prepare(batch, slot, rows)) {
                    matrixRows[slot] = rows++;
                }
            } catch (RuntimeException e) {
                batch.rejectInternal(slot, e);
            }
        }
        if (rows == 0) {
            return;
        }
        if (learners == null) {
            scoreRows(rows);
            for (int slot = 0; slot < size; slot++) {
                if (matrixRows[slot] >= 0) {
                    judge(batch, slot, matrixRows[slot]);
                }
            }
        } else {
            scoreLearning(batch, size, rows);
        }
    }

    /** Turns row {@code row}'s scores into slot {@code slot}'s outcome, with its host's likelihood. */
    private void judge(DetectionBatch batch, int slot, int row) {
        int features = spec.featureCount();
        double error = scores.error(row);
        double threshold = scores.threshold(row);
        if (rowFailures[row] != null || !Double.isFinite(error) || !Double.isFinite(threshold) || threshold <= 0) {
            batch.reject(slot, RejectReason.INTERNAL_ERROR, rowFailures[row] != null ? rowFailures[row]
                    : String.format(Locale.ROOT, "the model gave error %s for threshold %s", error, threshold));
            return;
        }
        double confidence = error / threshold;
        double chance = rowStates[row].likelihood(confidence);
        Severity severity = Severity.fromConfidence(confidence);
        if (!Double.isNaN(chance) && severity.isAnomaly()) {
            severity = likelihood.severity(chance);
        } else if (likelihood != null && severity == Severity.MEDIUM) {
            // A host still warming up is judged by the threshold, which 5% of normal events exceed by design:
            // only a clear departure, twice the threshold (HIGH), counts then.
            severity = Severity.NONE;
        }
        batch.scored(slot, error, threshold, chance, severity);
        batch.hostState(slot, rowStates[row], rowClocks[row]);
        for (int f = 0; f < features; f++) {
            batch.perFeature().share(slot, f, scores.share(row, f));
            int typical = 3 * (row * features + f);
            batch.perFeature().typical(slot, f, rowTypical[typical], rowTypical[typical + 2]);
            float expected = scores.expected(row, f);
            if (Float.isFinite(expected)) {
                batch.perFeature().expected(slot, f, rowOffsets[row * features + f]
                        + rowFactors[row * features + f] * layout.scaler().invert(f, expected));
            } else {
                // A forest reconstructs nothing: what it expects of a host is what is typical of it.
                batch.perFeature().expected(slot, f, rowTypical[typical + 1]);
            }
        }
    }

    /**
     * Scores and judges the rows partition by partition, each in its stream's order, with the weights its
     * learner has at that position; each judged row then goes to the learner. Hosts live in one partition, so
     * judging partition by partition gives what judging in the batch's order would.
     */
    private void scoreLearning(DetectionBatch batch, int size, int rows) {
        scores.reset(rows);
        java.util.Arrays.fill(rowFailures, 0, rows, null);
        if (byPartition.length < rows) {
            byPartition = new long[rows];
        }
        int count = 0;
        for (int slot = 0; slot < size; slot++) {
            if (matrixRows[slot] >= 0) {
                byPartition[count++] = (long) batch.partition(slot) << 32 | slot;
            }
        }
        java.util.Arrays.sort(byPartition, 0, count);
        int columns = layout.inputs();
        int start = 0;
        while (start < count) {
            int partition = (int) (byPartition[start] >>> 32);
            StreamLearner learner = learners.of(partition);
            int end = start;
            while (end < count && (int) (byPartition[end] >>> 32) == partition) {
                end++;
            }
            while (start < end) {
                int chunk = Math.min(Math.min(end - start, learner.untilStep()), LEARN_CHUNK);
                if (chunk < 1) {
                    throw new IllegalStateException("the learner of partition " + partition + " takes no events");
                }
                for (int k = 0; k < chunk; k++) {
                    System.arraycopy(matrix, matrixRows[(int) byPartition[start + k]] * columns, learnRows,
                            k * columns, columns);
                }
                boolean scored = scoreChunk(learner, chunk, columns);
                for (int k = 0; k < chunk; k++) {
                    int slot = (int) byPartition[start + k];
                    int row = matrixRows[slot];
                    if (scored) {
                        copyScore(single, k, row);
                    } else {
                        scoreAlone(learner, k, row, columns);
                    }
                    judge(batch, slot, row);
                    learner.observe(matrix, row * columns, batch.outcome(slot) != Outcome.NORMAL);
                }
                start += chunk;
            }
        }
    }

    /** One learner call for the gathered rows; false when it failed (the rows are then tried one by one). */
    private boolean scoreChunk(StreamLearner learner, int chunk, int columns) {
        try {
            learner.score(new InputMatrix(learnRows, chunk, columns), single);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Gathered row {@code k} scored on its own, so a failure is pinned to it. */
    private void scoreAlone(StreamLearner learner, int k, int row, int columns) {
        float[] one = java.util.Arrays.copyOfRange(learnRows, k * columns, (k + 1) * columns);
        try {
            learner.score(new InputMatrix(one, 1, columns), single);
            copyScore(single, 0, row);
        } catch (RuntimeException e) {
            rowFailures[row] = FailureDetail.of(e);
        }
    }

    private void copyScore(BatchScores from, int fromRow, int row) {
        scores.set(row, from.error(fromRow), from.threshold(fromRow));
        for (int f = 0; f < spec.featureCount(); f++) {
            scores.setShare(row, f, from.share(fromRow, f));
            scores.setExpected(row, f, from.expected(fromRow, f));
        }
    }

    /** Checks, windows and encodes one record; false when it is rejected or its window is not full yet. */
    private boolean prepare(DetectionBatch batch, int slot, int row) {
        double[] values = batch.values(slot);
        int implausible = metadata.firstImplausible(values);
        if (implausible >= 0) {
            batch.reject(slot, RejectReason.OUT_OF_RANGE, String.format(Locale.ROOT, "%s=%s",
                    spec.features().get(implausible), values[implausible]));
            return false;
        }
        HostState host = windows.push(batch.partition(slot), batch.key(slot), values, batch.time(slot), window,
                typicalBefore);
        if (!host.windowFull()) {
            batch.warmingUp(slot);
            return false;
        }
        rowStates[row] = host;
        rowClocks[row] = host.clock();
        System.arraycopy(typicalBefore, 0, rowTypical, row * typicalBefore.length, typicalBefore.length);
        int features = spec.featureCount();
        for (int f = 0; f < features; f++) {
            rowOffsets[row * features + f] = host.hostScaleOffset(f);
            rowFactors[row * features + f] = host.hostScaleFactor(f);
        }
        layout.encode(window, 0, batch.time(slot), matrix, row);
        return true;
    }

    /** One model call for all rows; if it fails, one call per row, so a failure is pinned to its rows. */
    private void scoreRows(int rows) {
        java.util.Arrays.fill(rowFailures, 0, rows, null);
        try {
            scorer.score(new InputMatrix(matrix, rows, layout.inputs()), scores);
            return;
        } catch (RuntimeException batchFailure) {
            // Retried row by row below: only the rows that fail alone are rejected.
        }
        int columns = layout.inputs();
        float[] one = new float[columns];
        scores.reset(rows);
        for (int row = 0; row < rows; row++) {
            System.arraycopy(matrix, row * columns, one, 0, columns);
            try {
                scorer.score(new InputMatrix(one, 1, columns), single);
                scores.set(row, single.error(0), single.threshold(0));
                for (int f = 0; f < spec.featureCount(); f++) {
                    scores.setShare(row, f, single.share(0, f));
                    scores.setExpected(row, f, single.expected(0, f));
                }
            } catch (RuntimeException e) {
                rowFailures[row] = FailureDetail.of(e);
            }
        }
    }
}
