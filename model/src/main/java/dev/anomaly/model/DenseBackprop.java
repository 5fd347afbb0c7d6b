package dev.anomaly.model;

/**
 * Forward and backward passes of a dense autoencoder over a mini-batch, in float loops: every inner loop
 * walks one contiguous row ({@code row += x · weights}), which the JIT turns into vector instructions, and
 * skips the zeros ReLU leaves. DL4J spends about 60 native calls on the same step, and with a network this
 * small the calls, not the arithmetic, were the cost of training.
 *
 * <p>The loss of a row is its mean squared reconstruction error over the outputs (DL4J's MSE). Not
 * thread-safe: it owns its scratch buffers.
 */
final class DenseBackprop {
    private final DenseParameters shape;
    private final int maxRows;
    /** activations[l]: the input of layer l, rows × size(l); the last one is the reconstruction. */
    private final float[][] activations;
    /** deltas[l]: the loss's derivative by layer l's pre-activation output, rows × size(l + 1). */
    private final float[][] deltas;
    private final float[] transposed;
    private final InputNoise noise;
    /** With noise, the rows as given: what the loss compares the output with. */
    private final float[] clean;

    /** Passes that reconstruct what they are given. */
    DenseBackprop(DenseParameters shape, int maxRows) {
        this(shape, maxRows, InputNoise.none());
    }

    /** Passes whose inputs get {@code noise} in {@link #accumulate} (a denoising autoencoder). */
    DenseBackprop(DenseParameters shape, int maxRows, InputNoise noise) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive, got " + maxRows);
        }
        this.shape = shape;
        this.maxRows = maxRows;
        int layers = shape.layers();
        this.activations = new float[layers + 1][];
        this.deltas = new float[layers][];
        for (int l = 0; l <= layers; l++) {
            activations[l] = new float[Math.multiplyExact(maxRows, shape.size(l))];
        }
        for (int l = 0; l < layers; l++) {
            deltas[l] = new float[Math.multiplyExact(maxRows, shape.size(l + 1))];
        }
        int largestBehindInput = 0;
        for (int l = 1; l < layers; l++) {
            largestBehindInput = Math.max(largestBehindInput, shape.size(l) * shape.size(l + 1));
        }
        this.transposed = new float[largestBehindInput];
        this.noise = noise;
        this.clean = noise.isNone() ? null : new float[Math.multiplyExact(maxRows, shape.size(0))];
    }

    /**
     * Adds to {@code gradient} the derivative of the summed loss over the rows {@code order[start]} …
     * {@code order[start + count - 1]} of {@code data}, and returns that summed loss. With noise, the network is
     * given each row with the noise of its place in step {@code step} ({@code start + r}), and the loss is
     * taken against the row as it is.
     *
     * @param data row-major inputs, {@code size(0)} per row
     * @param params the parameters, in {@link DenseParameters}' layout
     */
    double accumulate(float[] data, int[] order, int start, int count, float[] params, float[] gradient,
                      long step) {
        checkRows(count);
        int columns = shape.size(0);
        for (int r = 0; r < count; r++) {
            System.arraycopy(data, order[start + r] * columns, activations[0], r * columns, columns);
        }
        float[] target = activations[0];
        if (clean != null) {
            System.arraycopy(activations[0], 0, clean, 0, count * columns);
            target = clean;
            for (int r = 0; r < count; r++) {
                noise.addTo(activations[0], r * columns, step, start + r);
            }
        }
        forward(count, params);
        double loss = outputDelta(count, target, true);
        backward(count, params, gradient);
        return loss;
    }

    /** The summed loss over the first {@code rows} rows of {@code data}, in chunks of at most maxRows. */
    double loss(float[] data, int rows, float[] params) {
        int columns = shape.size(0);
        double loss = 0;
        for (int start = 0; start < rows; start += maxRows) {
            int count = Math.min(maxRows, rows - start);
            System.arraycopy(data, start * columns, activations[0], 0, count * columns);
            forward(count, params);
            loss += outputDelta(count, activations[0], false);
        }
        return loss;
    }

    private void checkRows(int count) {
        if (count < 1 || count > maxRows) {
            throw new IllegalArgumentException("rows must be 1.." + maxRows + ", got " + count);
        }
    }

    private void forward(int rows, float[] params) {
        for (int l = 0; l < shape.layers(); l++) {
            int in = shape.size(l);
            int out = shape.size(l + 1);
            int weights = shape.weightOffset(l);
            int bias = shape.biasOffset(l);
            float[] input = activations[l];
            float[] output = activations[l + 1];
            for (int r = 0; r < rows; r++) {
                int o = r * out;
                System.arraycopy(params, bias, output, o, out);
                int a = r * in;
                for (int i = 0; i < in; i++) {
                    float x = input[a + i];
                    if (x == 0) {
                        continue;
                    }
                    int w = weights + i * out;
                    for (int j = 0; j < out; j++) {
                        output[o + j] += x * params[w + j];
                    }
                }
                if (shape.relu(l)) {
                    for (int j = 0; j < out; j++) {
                        output[o + j] = Math.max(output[o + j], 0f);
                    }
                }
            }
        }
    }

    /**
     * The summed loss against {@code target}; with {@code withDelta}, also the output layer's delta,
     * 2 (y' − y) / n.
     */
    private double outputDelta(int rows, float[] target, boolean withDelta) {
        int layers = shape.layers();
        int width = shape.size(layers);
        float[] output = activations[layers];
        float[] delta = deltas[layers - 1];
        float scale = 2f / width;
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double rowSum = 0;
            for (int j = r * width; j < (r + 1) * width; j++) {
                float error = output[j] - target[j];
                rowSum += (double) error * error;
                if (withDelta) {
                    delta[j] = scale * error;
                }
            }
            loss += rowSum / width;
        }
        if (withDelta && !isLinear(layers - 1)) {
            clipToActive(delta, output, rows * width);
        }
        return loss;
    }

    private void backward(int rows, float[] params, float[] gradient) {
        for (int l = shape.layers() - 1; l >= 0; l--) {
            int in = shape.size(l);
            int out = shape.size(l + 1);
            int weights = shape.weightOffset(l);
            int bias = shape.biasOffset(l);
            float[] input = activations[l];
            float[] delta = deltas[l];
            for (int r = 0; r < rows; r++) {
                int d = r * out;
                int a = r * in;
                for (int i = 0; i < in; i++) {
                    float x = input[a + i];
                    if (x == 0) {
                        continue;
                    }
                    int g = weights + i * out;
                    for (int j = 0; j < out; j++) {
                        gradient[g + j] += x * delta[d + j];
                    }
                }
                for (int j = 0; j < out; j++) {
                    gradient[bias + j] += delta[d + j];
                }
            }
            if (l > 0) {
                propagate(l, rows, params);
            }
        }
    }

    /** deltas[l - 1] from deltas[l]: through layer l's weights, then layer l − 1's ReLU. */
    private void propagate(int l, int rows, float[] params) {
        int in = shape.size(l);
        int out = shape.size(l + 1);
        int weights = shape.weightOffset(l);
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                transposed[j * in + i] = params[weights + i * out + j];
            }
        }
        float[] delta = deltas[l];
        float[] previous = deltas[l - 1];
        java.util.Arrays.fill(previous, 0, rows * in, 0f);
        for (int r = 0; r < rows; r++) {
            int p = r * in;
            int d = r * out;
            for (int j = 0; j < out; j++) {
                float value = delta[d + j];
                if (value == 0) {
                    continue;
                }
                int t = j * in;
                for (int i = 0; i < in; i++) {
                    previous[p + i] += value * transposed[t + i];
                }
            }
        }
        if (!isLinear(l - 1)) {
            clipToActive(previous, activations[l], rows * in);
        }
    }

    private boolean isLinear(int l) {
        return !shape.relu(l);
    }

    /** ReLU's derivative: no gradient flows where the unit's output was zero. */
    private static void clipToActive(float[] delta, float[] activation, int length) {
        for (int k = 0; k < length; k++) {
            if (activation[k] <= 0) {
                delta[k] = 0;
            }
        }
    }
}
