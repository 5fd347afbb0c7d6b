package dev.anomaly.common.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores batches of events by how badly the autoencoder reconstructs them: one network call per batch,
 * then a plain Java loop over the output for the per-event error and per-feature shares (faster than
 * ND4J ops at these sizes, see shared/STACK.md).
 *
 * <p>Not thread-safe (DL4J's {@code output} is not): one scorer per scoring thread.
 */
public final class ReconstructionScorer implements BatchScorer {
    /** Rows per network call when scoring a large matrix, to bound native memory. */
    static final int MAX_ROWS_PER_CALL = 16_384;

    private final MultiLayerNetwork network;
    private final InputLayout layout;
    private final double threshold;

    /** A scorer before the threshold is known (training), which reports a NaN threshold. */
    public ReconstructionScorer(MultiLayerNetwork network, InputLayout layout) {
        this(network, layout, Double.NaN);
    }

    /** A scorer judging every error against {@code threshold}. */
    public ReconstructionScorer(MultiLayerNetwork network, InputLayout layout, double threshold) {
        long networkInputs = network.layerInputSize(0);
        if (networkInputs != layout.inputs()) {
            throw new IllegalArgumentException("the network takes " + networkInputs + " inputs, the layout gives "
                    + layout.inputs());
        }
        this.network = network;
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
        float[] chunk = new float[count * columns];
        System.arraycopy(inputs.values(), start * columns, chunk, 0, chunk.length);
        InputMatrix part = new InputMatrix(chunk, count, columns);
        float[] reconstruction;
        try (INDArray in = part.toArray(); INDArray out = network.output(in, false)) {
            // Layer activations may come back column-major; the loop below reads rows.
            if (out.ordering() == 'c' && !out.isView()) {
                reconstruction = out.data().asFloat();
            } else {
                try (INDArray rowMajor = out.dup('c')) {
                    reconstruction = rowMajor.data().asFloat();
                }
            }
        }
        int metric = layout.metricInputs();
        int features = layout.spec().featureCount();
        double[] perFeature = new double[features];
        for (int row = 0; row < count; row++) {
            java.util.Arrays.fill(perFeature, 0);
            int base = row * columns;
            double total = 0;
            for (int i = 0; i < metric; i++) {
                double difference = reconstruction[base + i] - chunk[base + i];
                double squared = difference * difference;
                perFeature[i % features] += squared;
                total += squared;
            }
            int target = start + row;
            scores.set(target, total / metric, threshold);
            for (int f = 0; f < features; f++) {
                scores.setShare(target, f, total > 0 ? (float) (perFeature[f] / total) : 1f / features);
            }
        }
    }
}
