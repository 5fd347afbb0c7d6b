package dev.anomaly.model;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of a stack of dense layers in one float array, so that training updates them with plain
 * loops instead of dozens of native calls per step. Layer {@code l} keeps its weights row-major
 * ({@code W[i][j]} at {@code weightOffset(l) + i * out + j}, input i to output j, as DL4J's {@code W}) and
 * its biases right after them.
 */
final class DenseParameters {
    private final int[] sizes;
    private final boolean[] relu;
    private final int[] offsets;
    private final float[] values;

    private DenseParameters(int[] sizes, boolean[] relu) {
        this.sizes = sizes;
        this.relu = relu;
        this.offsets = new int[relu.length + 1];
        for (int l = 0; l < relu.length; l++) {
            offsets[l + 1] = offsets[l] + sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        this.values = new float[offsets[relu.length]];
    }

    /**
     * A copy of the network's parameters.
     *
     * @throws IllegalArgumentException for a layer that is not dense with ReLU or identity activation
     */
    static DenseParameters of(MultiLayerNetwork network) {
        Layer[] layers = network.getLayers();
        int[] sizes = new int[layers.length + 1];
        boolean[] relu = new boolean[layers.length];
        for (int l = 0; l < layers.length; l++) {
            if (!(layers[l].conf().getLayer() instanceof BaseLayer conf)) {
                throw new IllegalArgumentException("not a dense layer: " + layers[l].conf().getLayer());
            }
            if (conf.getActivationFn() instanceof ActivationReLU) {
                relu[l] = true;
            } else if (!(conf.getActivationFn() instanceof ActivationIdentity)) {
                throw new IllegalArgumentException("unsupported activation " + conf.getActivationFn());
            }
            INDArray weights = layers[l].getParam("W");
            sizes[l] = (int) weights.rows();
            sizes[l + 1] = (int) weights.columns();
        }
        DenseParameters parameters = new DenseParameters(sizes, relu);
        for (int l = 0; l < layers.length; l++) {
            float[] weights = layers[l].getParam("W").dup('c').data().asFloat();
            System.arraycopy(weights, 0, parameters.values, parameters.weightOffset(l), weights.length);
            float[] bias = layers[l].getParam("b").dup('c').data().asFloat();
            System.arraycopy(bias, 0, parameters.values, parameters.biasOffset(l), bias.length);
        }
        return parameters;
    }

    /** Writes these parameters into {@code network}, which must have this shape. */
    void copyTo(MultiLayerNetwork network) {
        Layer[] layers = network.getLayers();
        for (int l = 0; l < layers.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] weights = Arrays.copyOfRange(values, weightOffset(l), weightOffset(l) + in * out);
            layers[l].setParam("W", Nd4j.create(weights, new long[] {in, out}, 'c').castTo(DataType.FLOAT));
            float[] bias = Arrays.copyOfRange(values, biasOffset(l), biasOffset(l) + out);
            layers[l].setParam("b", Nd4j.create(bias, new long[] {1, out}, 'c').castTo(DataType.FLOAT));
        }
    }

    /** An independent copy: same shape, same values. */
    DenseParameters copy() {
        DenseParameters copy = new DenseParameters(sizes, relu);
        System.arraycopy(values, 0, copy.values, 0, values.length);
        return copy;
    }

    /** A parameter array of the same layout, all zero: for gradients and optimiser state. */
    float[] zeros() {
        return new float[values.length];
    }

    float[] values() {
        return values;
    }

    int layers() {
        return relu.length;
    }

    /** Width of layer {@code l}'s input; {@code size(layers())} is the output's width. */
    int size(int l) {
        return sizes[l];
    }

    boolean relu(int l) {
        return relu[l];
    }

    int weightOffset(int l) {
        return offsets[l];
    }

    int biasOffset(int l) {
        return offsets[l] + sizes[l] * sizes[l + 1];
    }
}
