package dev.anomaly.trainer.cli;

import dev.anomaly.model.AutoencoderFactory;
import dev.anomaly.model.InputNoise;
import dev.anomaly.model.TrainingOptions;
import dev.anomaly.trainer.pipeline.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code train}'s options that shape the autoencoder's network and its fit; the forests ignore them. */
final class AutoencoderOptions {
    private static final String AUTO = "auto";
    private static final int MAX_LAYER = 4096;

    @Option(names = "--layers", paramLabel = "N", split = ",",
            description = "Encoder layer sizes ending in the bottleneck; the decoder mirrors them. Default: "
                    + "32,16,B with B the network's inputs, at most 16 (9 for the five metrics and two cycles); "
                    + "with --input-noise 0, B about half of them (5), since without noise a bottleneck as wide "
                    + "as the inputs learns the identity.")
    private List<Integer> layers = new ArrayList<>();

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_EPOCHS,
            description = "Most passes over the training data (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N|auto", defaultValue = AUTO,
            description = "Events per gradient step. auto: 100 to 200 steps per epoch (32 to 4096 events): small "
                    + "sets need enough steps to learn the cycles, and large ones train faster in bigger steps; "
                    + "a batch larger than the training set is the whole set (default: ${DEFAULT-VALUE}).")
    private String batchSize;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "" + TrainingOptions.DEFAULT_PATIENCE,
            description = "Stop early when the validation loss has not improved for N epochs; 0 = never "
                    + "(default: ${DEFAULT-VALUE}). The best epoch's weights are kept.")
    private int patience;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            defaultValue = "" + AutoencoderFactory.DEFAULT_LEARNING_RATE,
            description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--l2", paramLabel = "DECAY", defaultValue = "" + TrainingSettings.DEFAULT_L2,
            description = "L2 weight decay; it narrows the gap between training errors (where the threshold "
                    + "comes from) and the errors of new normal events (default: ${DEFAULT-VALUE}).")
    private double l2;

    @Option(names = "--input-noise", paramLabel = "SD", defaultValue = "" + InputNoise.DEFAULT_DEVIATION,
            description = "Gaussian noise added to each scaled metric input while fitting, as a standard "
                    + "deviation in the scaler's units (standard scaling: the feature's own standard deviations, for "
                    + "which the default was chosen; minmax: shares of its training range, where about 0.06 is the "
                    + "same for normally distributed values); the network is still "
                    + "asked for the clean values, so it learns what each value should be from the other metrics "
                    + "and the time of cycle instead of copying it, and a spike in one metric stands out. "
                    + "detect's learning uses the same noise. 0 = a plain autoencoder; 0.." + InputNoise.MAX_DEVIATION
                    + " (default: ${DEFAULT-VALUE}).")
    private double inputNoise;

    /**
     * The fit's settings, with the command's seed.
     *
     * @throws IllegalArgumentException one line naming the option that is wrong
     */
    TrainingOptions options(long seed) {
        if (!(inputNoise >= 0 && inputNoise <= InputNoise.MAX_DEVIATION)) {
            throw new IllegalArgumentException("--input-noise must be 0.." + InputNoise.MAX_DEVIATION + ", got "
                    + inputNoise);
        }
        return new TrainingOptions(epochs, batchSize(), patience, learningRate, l2, seed, inputNoise);
    }

    /**
     * The encoder sizes asked for, or empty for the default.
     *
     * @throws IllegalArgumentException when a size is out of range
     */
    List<Integer> layers() {
        for (int size : layers) {
            if (size < 1 || size > MAX_LAYER) {
                throw new IllegalArgumentException("--layers sizes must be 1.." + MAX_LAYER + ", got " + size);
            }
        }
        return List.copyOf(layers);
    }

    private int batchSize() {
        if (batchSize.trim().toLowerCase(Locale.ROOT).equals(AUTO)) {
            return TrainingOptions.AUTO_BATCH;
        }
        try {
            int size = Integer.parseInt(batchSize.trim());
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--batch-size must be a positive number or auto, got '" + batchSize
                + "'");
    }
}
