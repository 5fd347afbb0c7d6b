package dev.anomaly.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The trained autoencoder's forward pass in plain Java, one row at a time: the same weights as the DL4J
 * network, evaluated in a fixed order with double accumulation. A row's result then depends on that row
 * only, never on which other rows share its batch (DL4J's native matrix products differ in the last digits
 * with the batch's size), so a restart, a rebalance or a backtest scores every event exactly alike. It also
 * costs no native call: about two microseconds per row for the default network.
 *
 * <p>Immutable and thread-safe; callers pass their own scratch arrays.
 */
public final class DenseForwardPass {
    private final List<Dense> layers;
    private final int inputs;
    private final int widest;

    private DenseForwardPass(List<Dense> layers) {
        this.layers = List.copyOf(layers);
        this.inputs = layers.get(0).in;
        int max = inputs;
        for (Dense layer : layers) {
            max = Math.max(max, layer.out);
        }
        this.widest = max;
    }

    /**
     * The pass of a network made of dense layers with ReLU or identity activations (what
     * {@link AutoencoderFactory} builds).
     *
     * @throws IllegalArgumentException for any other layer or activation
     */
    public static DenseForwardPass of(MultiLayerNetwork network) {
        return of(DenseParameters.of(network));
    }

    /** The pass of these parameters as they are now (later changes to them do not reach it). */
    static DenseForwardPass of(DenseParameters parameters) {
        float[] values = parameters.values();
        List<Dense> layers = new ArrayList<>();
        for (int l = 0; l < parameters.layers(); l++) {
            int in = parameters.size(l);
            int out = parameters.size(l + 1);
            int weights = parameters.weightOffset(l);
            // Column j of W, contiguous: the inner loop walks it.
            double[] byOutput = new double[in * out];
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    byOutput[j * in + i] = values[weights + i * out + j];
                }
            }
            double[] b = new double[out];
            for (int j = 0; j < out; j++) {
                b[j] = values[parameters.biasOffset(l) + j];
            }
            layers.add(new Dense(in, out, byOutput, b, parameters.relu(l)));
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the network has no layers");
        }
        return new DenseForwardPass(layers);
    }

    public int inputs() {
        return inputs;
    }

    /** Scratch space for {@link #forward}: two buffers as wide as the widest layer. */
    public double[][] scratch() {
        return new double[][] {new double[widest], new double[widest]};
    }

    /**
     * The network's output for one row.
     *
     * @param input the row's inputs, from {@code offset}
     * @param scratch from {@link #scratch()}
     * @return the output, in one of the scratch buffers (valid until the next call)
     */
    public double[] forward(float[] input, int offset, double[][] scratch) {
        double[] current = scratch[0];
        for (int i = 0; i < inputs; i++) {
            current[i] = input[offset + i];
        }
        double[] next = scratch[1];
        for (Dense layer : layers) {
            layer.apply(current, next);
            double[] swap = current;
            current = next;
            next = swap;
        }
        return current;
    }

    /** One dense layer: {@code out = activation(in · W + b)}. */
    private record Dense(int in, int out, double[] weightsByOutput, double[] bias, boolean relu) {
        /**
         * Four outputs at a time: their four sums are independent chains the CPU overlaps, where one sum at a
         * time waits on each addition. Every sum still adds its terms in input order, so the result is the
         * same to the last bit.
         */
        void apply(double[] input, double[] output) {
            int j = 0;
            for (; j + 3 < out; j += 4) {
                double sum0 = bias[j];
                double sum1 = bias[j + 1];
                double sum2 = bias[j + 2];
                double sum3 = bias[j + 3];
                int base0 = j * in;
                int base1 = base0 + in;
                int base2 = base1 + in;
                int base3 = base2 + in;
                for (int i = 0; i < in; i++) {
                    double x = input[i];
                    sum0 += x * weightsByOutput[base0 + i];
                    sum1 += x * weightsByOutput[base1 + i];
                    sum2 += x * weightsByOutput[base2 + i];
                    sum3 += x * weightsByOutput[base3 + i];
                }
                output[j] = activate(sum0);
                output[j + 1] = activate(sum1);
                output[j + 2] = activate(sum2);
                output[j + 3] = activate(sum3);
            }
            for (; j < out; j++) {
                double sum = bias[j];
                int base = j * in;
                for (int i = 0; i < in; i++) {
                    sum += input[i] * weightsByOutput[base + i];
                }
                output[j] = activate(sum);
            }
        }

        private double activate(double sum) {
            return relu && sum < 0 ? 0 : sum;
        }
    }
}
