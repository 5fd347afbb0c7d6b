package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseForwardPassTest {
    /** Widths that are and are not multiples of four, so both the blocked and the remainder loops run. */
    private final MultiLayerNetwork network = AutoencoderFactory.create(7, List.of(6, 3), 11, 0.01);
    private final DenseForwardPass pass = DenseForwardPass.of(network);

    @Test
    void everyOutputIsTheSumInInputOrderToTheLastBit() {
        Random random = new Random(5);
        double[][] scratch = pass.scratch();
        for (int row = 0; row < 200; row++) {
            float[] input = new float[7];
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) (random.nextGaussian() * 3);
            }

            double[] fast = pass.forward(input, 0, scratch).clone();

            assertThat(fast).hasSize(7).containsExactly(naive(input));
        }
    }

    @Test
    void matchesTheNetworkItWasTakenFrom() {
        float[] input = {0.5f, -1.25f, 2f, 0f, 3.5f, -0.75f, 1f};
        double[] fast = pass.forward(input, 0, pass.scratch());
        INDArray dl4j = network.output(Nd4j.create(new float[][] {input}));
        for (int j = 0; j < fast.length; j++) {
            assertThat(fast[j]).as("output " + j).isCloseTo(dl4j.getDouble(0, j), within(1e-5));
        }
    }

    /** One output at a time, each sum from its bias in input order: what the pass must equal. */
    private double[] naive(float[] input) {
        double[] current = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            current[i] = input[i];
        }
        for (Layer layer : network.getLayers()) {
            INDArray weights = layer.getParam("W");
            INDArray bias = layer.getParam("b");
            boolean relu = ((BaseLayer) layer.conf().getLayer()).getActivationFn() instanceof ActivationReLU;
            double[] next = new double[(int) weights.columns()];
            for (int j = 0; j < next.length; j++) {
                double sum = bias.getDouble(j);
                for (int i = 0; i < current.length; i++) {
                    sum += current[i] * weights.getDouble(i, j);
                }
                next[j] = relu && sum < 0 ? 0 : sum;
            }
            current = next;
        }
        return current;
    }
}
