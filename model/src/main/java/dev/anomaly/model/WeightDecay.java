package dev.anomaly.model;

/**
 * L2 weight decay as DL4J applies it: {@code l2 · w} added to each weight's gradient before the updater, and
 * {@code l2 / 2 · Σ w²} added to the score; biases are not decayed.
 */
final class WeightDecay {
    private final DenseParameters shape;
    private final double l2;

    WeightDecay(DenseParameters shape, double l2) {
        this.shape = shape;
        this.l2 = l2;
    }

    /** Adds the decay's derivative to the weights' entries of {@code gradient}. */
    void addTo(float[] params, float[] gradient) {
        if (l2 == 0) {
            return;
        }
        float coefficient = (float) l2;
        for (int l = 0; l < shape.layers(); l++) {
            for (int k = shape.weightOffset(l); k < shape.biasOffset(l); k++) {
                gradient[k] += coefficient * params[k];
            }
        }
    }

    /** The decay's share of the score. */
    double penalty(float[] params) {
        if (l2 == 0) {
            return 0;
        }
        double squares = 0;
        for (int l = 0; l < shape.layers(); l++) {
            for (int k = shape.weightOffset(l); k < shape.biasOffset(l); k++) {
                squares += (double) params[k] * params[k];
            }
        }
        return l2 / 2 * squares;
    }
}
