package dev.anomaly.model;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trained Deeplearning4j autoencoder. Scorers read its weights into a forward pass of their own
 * ({@link DenseForwardPass}), so the network itself is only read, never run, once trained.
 *
 * @param network the trained network
 */
public record AutoencoderModel(MultiLayerNetwork network) implements TrainedModel {
    /**
     * The family parameter in model.json that records the training's input noise ({@link InputNoise}); a
     * bundle without it was trained without noise.
     */
    public static final String INPUT_NOISE = "input_noise";

    /** The input noise a bundle's autoencoder was trained with, from its parameters; 0 when none is named. */
    public static double inputNoise(java.util.Map<String, Object> parameters) {
        return parameters.get(INPUT_NOISE) instanceof Number noise && Double.isFinite(noise.doubleValue())
                ? Math.max(0, Math.min(InputNoise.MAX_DEVIATION, noise.doubleValue())) : 0;
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.AUTOENCODER;
    }

    @Override
    public BatchScorer newScorer(InputLayout layout, double threshold) {
        return new ReconstructionScorer(network, layout, threshold);
    }

    @Override
    public void write(Path file) throws IOException {
        ModelSerializer.writeModel(network, file.toFile(), false);
    }

    @Override
    public void validate(InputLayout layout, Path file) {
        int inputs = layout.inputs();
        int last = network.getnLayers() - 1;
        if (network.layerInputSize(0) != inputs || network.layerSize(last) != inputs) {
            throw new ModelBundleException(file + ": the network takes " + network.layerInputSize(0)
                    + " inputs and gives " + network.layerSize(last) + ", but model.json describes " + inputs);
        }
    }

    /** Reads a network written by {@link #write}. */
    static AutoencoderModel read(Path file) {
        NativeRuntime.configure();
        try {
            return new AutoencoderModel(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false));
        } catch (IOException | RuntimeException e) {
            throw new ModelBundleException(file + ": not a readable DL4J network: " + e.getMessage(), e);
        }
    }
}
