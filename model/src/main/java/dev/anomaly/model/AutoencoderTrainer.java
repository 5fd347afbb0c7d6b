package dev.anomaly.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fits an autoencoder to reconstruct its input: shuffled mini-batches each epoch, the loss on held-out
 * events after each epoch, early stopping on it, and the weights of the best epoch kept.
 */
public final class AutoencoderTrainer {
    /** A relative improvement smaller than this does not reset the patience counter. */
    private static final double MIN_IMPROVEMENT = 1e-4;

    private AutoencoderTrainer() {
    }

    /**
     * Trains {@code network} in place.
     *
     * @param train training inputs, one row per event
     * @param validation held-out inputs, or a matrix with no rows
     */
    public static TrainingHistory fit(MultiLayerNetwork network, InputMatrix train, InputMatrix validation,
                                      TrainingOptions options, EpochListener listener) {
        if (train.rows() == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        NativeRuntime.configure();
        Nd4j.getRandom().setSeed(options.seed());
        int batchSize = options.effectiveBatchSize(train.rows());
        int[] order = new int[train.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random shuffler = new Random(options.seed());
        DataSet validationSet = null;
        if (validation.rows() > 0) {
            INDArray validationArray = validation.toArray();
            validationSet = new DataSet(validationArray, validationArray);
        }
        List<Double> trainLosses = new ArrayList<>();
        List<Double> validationLosses = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams = null;
        boolean stoppedEarly = false;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            shuffle(order, shuffler);
            double lossSum = 0;
            for (int start = 0; start < order.length; start += batchSize) {
                int count = Math.min(batchSize, order.length - start);
                // Batches are cut in Java: DataSet.shuffle and batchBy cost more than the fitting itself. They are
                // not closed: the network keeps its last input, and ND4J frees arrays only at exit (NativeRuntime).
                INDArray batch = rows(train, order, start, count);
                network.fit(batch, batch);
                lossSum += network.score() * count;
            }
            double trainLoss = lossSum / order.length;
            double validationLoss = validationSet == null ? Double.NaN : network.score(validationSet);
            trainLosses.add(trainLoss);
            validationLosses.add(validationLoss);
            listener.onEpoch(epoch, trainLoss, validationLoss);
            double monitored = validationSet == null ? trainLoss : validationLoss;
            if (monitored < best * (1 - MIN_IMPROVEMENT) || bestParams == null) {
                best = monitored;
                bestEpoch = epoch;
                bestParams = network.params().dup();
            } else if (options.patience() > 0 && epoch - bestEpoch >= options.patience()) {
                stoppedEarly = epoch < options.epochs();
                break;
            }
        }
        network.setParams(bestParams);
        return new TrainingHistory(trainLosses, validationLosses, bestEpoch, stoppedEarly);
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static INDArray rows(InputMatrix matrix, int[] order, int start, int count) {
        int columns = matrix.columns();
        float[] values = new float[count * columns];
        for (int i = 0; i < count; i++) {
            System.arraycopy(matrix.values(), order[start + i] * columns, values, i * columns, columns);
        }
        return Nd4j.create(values, new long[] {count, columns}, DataType.FLOAT);
    }
}
