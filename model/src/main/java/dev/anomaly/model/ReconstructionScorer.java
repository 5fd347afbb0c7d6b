package dev.anomaly.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Scores batches of events by how badly the autoencoder reconstructs them, with the network's forward pass
 * in plain Java ({@link DenseForwardPass}): every event's score depends on that event alone, whatever batch
 * it arrives in, and no native call is made per batch. The per-event error is the mean squared error over
 * the scaled features; each feature's share is its part of that error.
 *
 * <p>Not thread-safe (it reuses scratch buffers): one scorer per scoring thread.
 */
public final class ReconstructionScorer implements BatchScorer {
    /** Rows scored per chunk of a large matrix. */
    static final int MAX_ROWS_PER_CALL = 16_384;

    private final DenseForwardPass pass;
    private final double[][] scratch;
    private final double[] perFeature;
    private final InputLayout layout;
    private final double threshold;

    /** A scorer before the threshold is known (training), which reports a NaN threshold. */
    public ReconstructionScorer(MultiLayerNetwork network, InputLayout layout) {
        this(network, layout, Double.NaN);
    }

    /** A scorer judging every error against {@code threshold}. */
    public ReconstructionScorer(MultiLayerNetwork network, InputLayout layout, double threshold) {
        this(DenseForwardPass.of(network), layout, threshold);
    }

    /** A scorer of a forward pass's weights (an autoencoder that keeps learning hands them over). */
    ReconstructionScorer(DenseForwardPass pass, InputLayout layout, double threshold) {
        if (pass.inputs() != layout.inputs()) {
            throw new IllegalArgumentException("the network takes " + pass.inputs() + " inputs, the layout gives "
                    + layout.inputs());
        }
        this.pass = pass;
        this.scratch = pass.scratch();
        this.perFeature = new double[layout.spec().featureCount()];
        this.layout = layout;
        this.threshold = threshold;
    }

    public InputLayout layout() {
        return layout;
    }

    @Override
    public void score(InputMatrix inputs, BatchScores scores) {
        scores.reset(inputs.rows());
        for (int start = 0; start < inputs.rows(); start += MAX_ROWS_PER_CALL) {
            int count = Math.min(MAX_ROWS_PER_CALL, inputs.rows() - start);
            scoreChunk(inputs, start, count, scores);
        }
    }

    /** The errors of every row, for thresholds and reports. */
    public double[] errors(InputMatrix inputs) {
        BatchScores scores = new BatchScores(layout.spec().featureCount());
        score(inputs, scores);
        return scores.errors();
    }

    private void scoreChunk(InputMatrix inputs, int start, int count, BatchScores scores) {
        int columns = inputs.columns();
        float[] values = inputs.values();
        int metric = layout.metricInputs();
        int features = layout.spec().featureCount();
        for (int row = 0; row < count; row++) {
            java.util.Arrays.fill(perFeature, 0);
            int base = (start + row) * columns;
            double[] reconstruction = pass.forward(values, base, scratch);
            double total = 0;
            for (int i = 0; i < metric; i++) {
                double difference = reconstruction[i] - values[base + i];
                double squared = difference * difference;
                perFeature[i % features] += squared;
                total += squared;
            }
            int target = start + row;
            scores.set(target, total / metric, threshold);
            for (int f = 0; f < features; f++) {
                scores.setShare(target, f, total > 0 ? (float) (perFeature[f] / total) : 1f / features);
                // The newest event of the window is its last F inputs: what the network rebuilt of it.
                scores.setExpected(target, f, (float) reconstruction[metric - features + f]);
            }
        }
    }
}
