package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain-Java training step against DL4J's own {@code fit}: from the same initial weights and the same
 * batches, the scores and the weights must agree to float rounding. A large L2 makes a misplaced decay
 * (before the division by the batch, or after Adam) show: it fails the first steps' scores.
 */
class DenseTrainingTest {
    private static final int INPUTS = 9;
    private static final int ROWS = 96;
    private static final double LEARNING_RATE = 0.001;
    private static final double L2 = 0.05;
    private static final int STEPS = 30;

    @Test
    void stepsMatchDl4jFit() {
        MultiLayerNetwork reference = network(3);
        DenseParameters parameters = DenseParameters.of(network(3));
        float[] initial = parameters.values().clone();
        float[] data = randomRows(STEPS * ROWS, new Random(8));
        int[] order = identity(STEPS * ROWS);

        try (TrainingStep step = new TrainingStep(parameters, ROWS, LEARNING_RATE, L2, 1)) {
            for (int s = 0; s < STEPS; s++) {
                INDArray batch = Nd4j.create(Arrays.copyOfRange(data, s * ROWS * INPUTS, (s + 1) * ROWS * INPUTS),
                        new long[] {ROWS, INPUTS}, DataType.FLOAT);
                reference.fit(batch, batch);

                double score = step.step(data, order, s * ROWS, ROWS);

                assertThat(score).as("score of step %d", s).isCloseTo(reference.score(), withinPercentage(0.01));
            }
        }
        float[] expected = DenseParameters.of(reference).values();
        float[] actual = parameters.values();
        double moved = 0;
        double apart = 0;
        for (int k = 0; k < actual.length; k++) {
            moved = Math.max(moved, Math.abs(expected[k] - initial[k]));
            apart = Math.max(apart, Math.abs(expected[k] - actual[k]));
        }
        assertThat(moved).as("DL4J moved the weights").isGreaterThan(0.01);
        assertThat(apart).as("largest difference from DL4J's weights").isLessThan(moved * 1e-3);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.4})
    void theNumberOfThreadsChangesNoBit(double inputNoise) {
        float[] data = randomRows(5 * 300, new Random(9));
        int[] order = identity(5 * 300);
        float[][] results = new float[3][];
        for (int threads = 1; threads <= 3; threads++) {
            DenseParameters parameters = DenseParameters.of(network(6));
            try (TrainingStep step = new TrainingStep(parameters, 300, LEARNING_RATE, L2, threads,
                    new InputNoise(inputNoise, 4, 5))) {
                for (int s = 0; s < 5; s++) {
                    // 300 rows: four chunks of 75, so the threads share them unevenly.
                    step.step(data, order, s * 300, 300);
                }
            }
            results[threads - 1] = parameters.values();
        }

        assertThat(ChunkedGradient.chunks(300)).isEqualTo(4);
        assertThat(results[1]).containsExactly(results[0]);
        assertThat(results[2]).containsExactly(results[0]);
    }

    @Test
    void scoresHeldOutRowsInChunksAsDl4jDoes() {
        MultiLayerNetwork network = network(4);
        DenseParameters parameters = DenseParameters.of(network);
        float[] data = randomRows(50, new Random(2));
        INDArray all = Nd4j.create(data, new long[] {50, INPUTS}, DataType.FLOAT);

        try (TrainingStep step = new TrainingStep(parameters, 7, LEARNING_RATE, L2, 1)) {
            assertThat(step.score(new InputMatrix(data, 50, INPUTS)))
                    .isCloseTo(network.score(new DataSet(all, all)), withinPercentage(0.001));
        }
    }

    @Test
    void writesTheWeightsBackIntoTheNetwork() {
        MultiLayerNetwork network = AutoencoderFactory.create(INPUTS, List.of(6, 3), 4, LEARNING_RATE, 0);
        DenseParameters parameters = DenseParameters.of(network);
        float[] values = parameters.values();
        for (int k = 0; k < values.length; k++) {
            values[k] = k * 0.01f - 0.3f;
        }

        parameters.copyTo(network);

        assertThat(DenseParameters.of(network).values()).containsExactly(values);
        // W[1][2] of the first layer (9 × 6) and its second bias.
        assertThat(network.getLayer(0).getParam("W").getFloat(1, 2)).isEqualTo(values[6 + 2]);
        assertThat(network.getLayer(0).getParam("b").getFloat(1)).isEqualTo(values[parameters.biasOffset(0) + 1]);
    }

    @Test
    void aBatchLargerThanTheSetIsTheSet() {
        InputMatrix rows = new InputMatrix(randomRows(40, new Random(4)), 40, INPUTS);
        MultiLayerNetwork whole = network(7);
        MultiLayerNetwork huge = network(7);

        AutoencoderTrainer.fit(whole, rows, rows.head(0), new TrainingOptions(3, 40, 0, LEARNING_RATE, L2, 1),
                EpochListener.none());
        AutoencoderTrainer.fit(huge, rows, rows.head(0),
                new TrainingOptions(3, Integer.MAX_VALUE, 0, LEARNING_RATE, L2, 1), EpochListener.none());

        assertThat(DenseParameters.of(huge).values()).containsExactly(DenseParameters.of(whole).values());
    }

    @Test
    void rowsOfAnotherWidthAreRefused() {
        InputMatrix narrow = new InputMatrix(new float[40], 5, 8);

        assertThatThrownBy(() -> AutoencoderTrainer.fit(network(7), narrow, narrow.head(0),
                new TrainingOptions(1, 5, 0, LEARNING_RATE, L2, 1), EpochListener.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 inputs");
    }

    @Test
    void inputNoiseNeedsToKnowWhichInputsAreMetrics() {
        InputMatrix rows = new InputMatrix(randomRows(10, new Random(4)), 10, INPUTS);
        TrainingOptions noisy = new TrainingOptions(1, 5, 0, LEARNING_RATE, L2, 1, 0.4);

        assertThatThrownBy(() -> AutoencoderTrainer.fit(network(7), rows, rows.head(0), noisy, EpochListener.none()))
                .hasMessageContaining("metric inputs");
        assertThatThrownBy(() -> AutoencoderTrainer.fit(network(7), rows, rows.head(0), noisy, INPUTS + 1,
                EpochListener.none())).hasMessageContaining("metric inputs must be 0.." + INPUTS);
    }

    private static MultiLayerNetwork network(long seed) {
        return AutoencoderFactory.create(INPUTS, List.of(32, 16, 5), seed, LEARNING_RATE, L2);
    }

    private static float[] randomRows(int rows, Random random) {
        float[] data = new float[rows * INPUTS];
        for (int k = 0; k < data.length; k++) {
            data[k] = (float) random.nextGaussian();
        }
        return data;
    }

    private static int[] identity(int length) {
        int[] order = new int[length];
        for (int i = 0; i < length; i++) {
            order[i] = i;
        }
        return order;
    }
}
