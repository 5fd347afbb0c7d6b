package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ReconstructionScorerTest {
    @Test
    void scoresABatchAsTheNetworkReconstructsEachEvent() {
        MultiLayerNetwork network = ModelFixtures.trainedNetwork(4);
        InputMatrix inputs = ModelFixtures.randomInputs(40, 8);
        BatchScores scores = new BatchScores(3);

        new ReconstructionScorer(network, ModelFixtures.layout()).score(inputs, scores);

        INDArray reconstruction = network.output(inputs.toArray(), false);
        for (int row = 0; row < 40; row++) {
            double sum = 0;
            double[] perFeature = new double[3];
            for (int i = 0; i < 3; i++) {
                double d = reconstruction.getDouble(row, i) - inputs.values()[row * 5 + i];
                perFeature[i] = d * d;
                sum += d * d;
            }
            assertThat(scores.error(row)).isCloseTo(sum / 3, within(1e-6));
            for (int f = 0; f < 3; f++) {
                assertThat((double) scores.share(row, f)).isCloseTo(perFeature[f] / sum, within(1e-5));
            }
        }
    }

    @Test
    void sharesOfAnEventAddUpToOne() {
        BatchScores scores = new BatchScores(3);

        new ReconstructionScorer(ModelFixtures.trainedNetwork(5), ModelFixtures.layout())
                .score(ModelFixtures.randomInputs(25, 3), scores);

        for (int row = 0; row < scores.rows(); row++) {
            double total = scores.share(row, 0) + scores.share(row, 1) + scores.share(row, 2);
            assertThat(total).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void largeMatricesAreScoredInChunksWithTheSameResult() {
        MultiLayerNetwork network = ModelFixtures.trainedNetwork(6);
        InputMatrix inputs = ModelFixtures.randomInputs(ReconstructionScorer.MAX_ROWS_PER_CALL + 10, 1);
        ReconstructionScorer scorer = new ReconstructionScorer(network, ModelFixtures.layout());

        double[] all = scorer.errors(inputs);
        double[] tail = scorer.errors(inputs.select(new int[] {ReconstructionScorer.MAX_ROWS_PER_CALL + 3}));

        assertThat(all[ReconstructionScorer.MAX_ROWS_PER_CALL + 3]).isCloseTo(tail[0], within(1e-9));
    }

    @Test
    void anEventScoresExactlyAlikeWhateverBatchItArrivesIn() {
        ReconstructionScorer scorer = new ReconstructionScorer(ModelFixtures.trainedNetwork(7), ModelFixtures.layout());
        InputMatrix inputs = ModelFixtures.randomInputs(300, 2);

        double alone = scorer.errors(inputs.select(new int[] {17}))[0];

        assertThat(scorer.errors(inputs)[17]).isEqualTo(alone);
        assertThat(scorer.errors(inputs.select(new int[] {3, 17, 250}))[1]).isEqualTo(alone);
        assertThat(scorer.errors(inputs.head(18))[17]).isEqualTo(alone);
    }
}
