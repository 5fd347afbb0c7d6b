package dev.anomaly.model;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the dense autoencoder {@code n → e1 → … → b → … → e1 → n}: ReLU hidden layers, a linear output,
 * mean squared error, Adam. The decoder mirrors the encoder; the last encoder size is the bottleneck.
 */
public final class AutoencoderFactory {
    /** The tutorials' learning rate, which works well here too. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;

    private AutoencoderFactory() {
    }

    /**
     * @param inputs n, the width of the input and of the reconstruction
     * @param encoder hidden layer sizes from the input to the bottleneck, e.g. [32, 16, 3]
     * @param seed fixes the initial weights
     */
    public static MultiLayerNetwork create(int inputs, List<Integer> encoder, long seed, double learningRate) {
        return create(inputs, encoder, seed, learningRate, 0);
    }

    /** As {@link #create(int, List, long, double)}, with L2 weight decay {@code l2}. */
    public static MultiLayerNetwork create(int inputs, List<Integer> encoder, long seed, double learningRate,
                                           double l2) {
        validate(inputs, encoder);
        NativeRuntime.configure();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate))
                .l2(l2)
                .list();
        int previous = inputs;
        for (int size : encoder) {
            layers.layer(dense(previous, size));
            previous = size;
        }
        for (int i = encoder.size() - 2; i >= 0; i--) {
            layers.layer(dense(previous, encoder.get(i)));
            previous = encoder.get(i);
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nIn(previous).nOut(inputs).activation(Activation.IDENTITY).build());
        MultiLayerConfiguration configuration = layers.build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    /** The full layer sizes, e.g. [9, 32, 16, 3, 16, 32, 9], for messages and model.json. */
    public static List<Integer> shape(int inputs, List<Integer> encoder) {
        List<Integer> shape = new java.util.ArrayList<>();
        shape.add(inputs);
        shape.addAll(encoder);
        for (int i = encoder.size() - 2; i >= 0; i--) {
            shape.add(encoder.get(i));
        }
        shape.add(inputs);
        return shape;
    }

    private static DenseLayer dense(int in, int out) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.RELU).build();
    }

    private static void validate(int inputs, List<Integer> encoder) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be positive, got " + inputs);
        }
        if (encoder.isEmpty()) {
            throw new IllegalArgumentException("at least one hidden layer is needed");
        }
        for (int size : encoder) {
            if (size < 1 || size > 4096) {
                throw new IllegalArgumentException("layer sizes must be 1..4096, got " + size);
            }
        }
    }
}
