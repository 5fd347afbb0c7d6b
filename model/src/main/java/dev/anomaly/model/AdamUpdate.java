package dev.anomaly.model;

/**
 * Adam as ND4J applies it (its {@code AdamUpdater}): moments with β1 0.9 and β2 0.999, the bias correction
 * folded into the step size per global step, ε added to √v.
 */
final class AdamUpdate {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double learningRate;
    private final float[] mean;
    private final float[] variance;
    private int steps;

    AdamUpdate(int parameters, double learningRate) {
        this.learningRate = learningRate;
        this.mean = new float[parameters];
        this.variance = new float[parameters];
    }

    /** The first moments, one per parameter: state to save and restore with {@link #steps()}. */
    float[] mean() {
        return mean;
    }

    /** The second moments, one per parameter. */
    float[] variance() {
        return variance;
    }

    /** Steps taken so far: the bias correction depends on it. */
    int steps() {
        return steps;
    }

    /** Continues from saved moments (copied in) after {@code steps} steps. */
    void restore(float[] savedMean, float[] savedVariance, int savedSteps) {
        System.arraycopy(savedMean, 0, mean, 0, mean.length);
        System.arraycopy(savedVariance, 0, variance, 0, variance.length);
        this.steps = savedSteps;
    }

    /** Moves {@code params} one step against {@code gradient}. */
    void apply(float[] params, float[] gradient) {
        if (steps < Integer.MAX_VALUE) {
            // Past a few thousand steps the bias correction is 1: a learner running for months stays there.
            steps++;
        }
        double alpha = learningRate * Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
        if (Double.isNaN(alpha) || Double.isInfinite(alpha) || alpha == 0) {
            alpha = EPSILON;
        }
        float beta1 = (float) BETA1;
        float beta2 = (float) BETA2;
        float step = (float) alpha;
        float epsilon = (float) EPSILON;
        for (int k = 0; k < params.length; k++) {
            float g = gradient[k];
            float m = beta1 * mean[k] + g * (1 - beta1);
            float v = beta2 * variance[k] + g * g * (1 - beta2);
            mean[k] = m;
            variance[k] = v;
            params[k] -= m * step / ((float) Math.sqrt(v) + epsilon);
        }
    }
}
