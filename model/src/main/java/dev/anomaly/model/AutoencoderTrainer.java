package dev.anomaly.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Fits an autoencoder to reconstruct its input: shuffled mini-batches each epoch, the loss on held-out
 * events after each epoch, early stopping on it, and the weights of the best epoch kept.
 *
 * <p>The steps are DL4J's (mean squared error, the gradient averaged over the batch, L2 weight decay on the
 * weights added before Adam) computed in plain Java ({@link TrainingStep}) on the
 * weights {@link AutoencoderFactory} initialised; the result is written back into the network, which saving
 * and scoring use as before. With input noise ({@link InputNoise}) the network is given noisy rows and asked for
 * the clean ones, a step DL4J does not take. Deterministic for a seed.
 */
public final class AutoencoderTrainer {
    /** A relative improvement smaller than this does not reset the patience counter. */
    private static final double MIN_IMPROVEMENT = 1e-4;

    private AutoencoderTrainer() {
    }

    /**
     * Trains {@code network} in place to reconstruct its inputs as they are.
     *
     * @throws IllegalArgumentException when the options ask for input noise: it needs to know which inputs are
     *     metrics ({@link #fit(MultiLayerNetwork, InputMatrix, InputMatrix, TrainingOptions, int, EpochListener)})
     */
    public static TrainingHistory fit(MultiLayerNetwork network, InputMatrix train, InputMatrix validation,
                                      TrainingOptions options, EpochListener listener) {
        if (options.inputNoise() > 0) {
            throw new IllegalArgumentException("input noise needs the number of metric inputs");
        }
        return fit(network, train, validation, options, 0, listener);
    }

    /**
     * Trains {@code network} in place. With {@link TrainingOptions#inputNoise()}, the training rows' first
     * {@code metricInputs} inputs get noise (a denoising autoencoder); the held-out loss is taken on the rows as
     * they are.
     *
     * @param network dense layers with ReLU or identity activations, as {@link AutoencoderFactory} builds
     * @param train training inputs, one row per event
     * @param validation held-out inputs, or a matrix with no rows
     * @param options its learning rate and L2 must be the ones the network was built with
     * @param metricInputs the inputs of a row that are metrics (the rest are time-of-cycle inputs)
     */
    public static TrainingHistory fit(MultiLayerNetwork network, InputMatrix train, InputMatrix validation,
                                      TrainingOptions options, int metricInputs, EpochListener listener) {
        if (train.rows() == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        DenseParameters parameters = DenseParameters.of(network);
        requireColumns(train, parameters, "training");
        requireColumns(validation, parameters, "validation");
        if (metricInputs < 0 || metricInputs > parameters.size(0)) {
            throw new IllegalArgumentException("metric inputs must be 0.." + parameters.size(0) + ", got "
                    + metricInputs);
        }
        // A batch larger than the set is the set, as in DL4J; the scratch buffers are sized by it.
        int batchSize = Math.min(options.effectiveBatchSize(train.rows()), train.rows());
        int[] order = new int[train.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random shuffler = new Random(options.seed());
        float[] params = parameters.values();
        List<Double> trainLosses = new ArrayList<>();
        List<Double> validationLosses = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        float[] bestParams = null;
        boolean stoppedEarly = false;
        InputNoise noise = new InputNoise(options.inputNoise(), metricInputs, options.seed());
        try (TrainingStep step = new TrainingStep(parameters, batchSize, options.learningRate(), options.l2(),
                Runtime.getRuntime().availableProcessors(), noise)) {
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                shuffle(order, shuffler);
                double lossSum = 0;
                for (int start = 0; start < order.length; start += batchSize) {
                    int count = Math.min(batchSize, order.length - start);
                    lossSum += step.step(train.values(), order, start, count) * count;
                }
                double trainLoss = lossSum / order.length;
                double validationLoss = validation.rows() == 0 ? Double.NaN : step.score(validation);
                trainLosses.add(trainLoss);
                validationLosses.add(validationLoss);
                listener.onEpoch(epoch, trainLoss, validationLoss);
                double monitored = validation.rows() == 0 ? trainLoss : validationLoss;
                if (monitored < best * (1 - MIN_IMPROVEMENT) || bestParams == null) {
                    best = monitored;
                    bestEpoch = epoch;
                    bestParams = params.clone();
                } else if (options.patience() > 0 && epoch - bestEpoch >= options.patience()) {
                    stoppedEarly = epoch < options.epochs();
                    break;
                }
            }
        }
        System.arraycopy(bestParams, 0, params, 0, params.length);
        parameters.copyTo(network);
        return new TrainingHistory(trainLosses, validationLosses, bestEpoch, stoppedEarly);
    }

    private static void requireColumns(InputMatrix inputs, DenseParameters parameters, String name) {
        if (inputs.rows() > 0 && inputs.columns() != parameters.size(0)) {
            throw new IllegalArgumentException(name + " rows have " + inputs.columns() + " inputs, the network "
                    + parameters.size(0));
        }
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
