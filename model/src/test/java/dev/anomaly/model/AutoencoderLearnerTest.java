package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutoencoderLearnerTest {
    private static final AutoencoderModel MODEL = new AutoencoderModel(ModelFixtures.trainedNetwork(3));
    private static final int COLUMNS = ModelFixtures.layout().inputs();

    @Test
    void scoresDoNotDependOnHowTheStreamIsCutIntoCalls() {
        InputMatrix stream = ModelFixtures.randomInputs(500, 21);

        double[] oneByOne = errors(learner(), stream, new int[] {1});
        double[] uneven = errors(learner(), stream, new int[] {7, 64, 3, 100, 31});

        assertThat(uneven).containsExactly(oneByOne);
    }

    @Test
    void theWeightsMoveOnlyAtTheEndOfABlockAndOnlyFromUnflaggedEvents() {
        InputMatrix stream = ModelFixtures.randomInputs(AutoencoderLearner.BLOCK * 2, 5);
        AutoencoderLearner learner = learner();
        double[] trained = errorsOf(learner(), stream);

        for (int row = 0; row < AutoencoderLearner.BLOCK - 1; row++) {
            learner.observe(stream.values(), row * COLUMNS, false);
        }
        assertThat(learner.steps()).isZero();
        assertThat(errorsOf(learner, stream)).containsExactly(trained);
        learner.observe(stream.values(), (AutoencoderLearner.BLOCK - 1) * COLUMNS, false);
        assertThat(learner.steps()).isEqualTo(1L);
        assertThat(errorsOf(learner, stream)).isNotEqualTo(trained);

        AutoencoderLearner flaggedOnly = learner();
        for (int row = 0; row < AutoencoderLearner.BLOCK; row++) {
            flaggedOnly.observe(stream.values(), row * COLUMNS, true);
        }
        assertThat(flaggedOnly.steps()).as("a block of flagged events teaches nothing").isZero();
    }

    @Test
    void aRestoredLearnerContinuesExactlyAsTheOneItWasSavedFrom() {
        InputMatrix stream = ModelFixtures.randomInputs(400, 9);
        int cut = 3 * AutoencoderLearner.BLOCK + 17;
        AutoencoderLearner original = fedWith(learner(), stream, cut);
        AutoencoderLearner restored = learner();

        assertThat(restored.restore(original.weights(), original.progress())).isTrue();

        InputMatrix rest = rows(stream, cut, stream.rows());
        assertThat(errors(restored, rest, new int[] {13})).containsExactly(errors(original, rest, new int[] {50}));
    }

    @Test
    void aDenoisingLearnerLearnsOtherWeightsAndARestoredOneContinuesExactly() {
        InputMatrix stream = ModelFixtures.randomInputs(400, 12);
        int cut = 2 * AutoencoderLearner.BLOCK + 5;
        AutoencoderLearner original = fedWith(denoising(), stream, cut);
        AutoencoderLearner restored = denoising();

        assertThat(restored.restore(original.weights(), original.progress())).isTrue();

        InputMatrix rest = rows(stream, cut, stream.rows());
        double[] continued = errors(original, rest, new int[] {50});
        assertThat(errors(restored, rest, new int[] {13})).containsExactly(continued);
        AutoencoderLearner plain = learner();
        errors(plain, rows(stream, 0, cut), new int[] {AutoencoderLearner.BLOCK});
        assertThat(errors(plain, rest, new int[] {50})).as("the noise changes what is learnt")
                .isNotEqualTo(continued);
    }

    @Test
    void aRestoredLearnerTakesTheSameOneEventInNAsTheOneItWasSavedFrom() {
        InputMatrix stream = ModelFixtures.randomInputs(400, 10);
        AutoencoderLearner original = new AutoencoderLearner(MODEL, 42, ModelFixtures.layout(), 0.5, 0.001, 0.001, 4);
        int cut = 2 * AutoencoderLearner.BLOCK + 7;
        for (int row = 0; row < cut; row++) {
            original.observe(stream.values(), row * COLUMNS, row % 3 == 0);
        }
        AutoencoderLearner restored = new AutoencoderLearner(MODEL, 42, ModelFixtures.layout(), 0.5, 0.001, 0.001, 4);

        assertThat(restored.restore(original.weights(), original.progress())).isTrue();

        InputMatrix rest = rows(stream, cut, stream.rows());
        assertThat(errors(restored, rest, new int[] {64})).containsExactly(errors(original, rest, new int[] {9}));
    }

    @Test
    void progressWithoutSavedWeightsIsUsedOnlyBeforeTheFirstStep() {
        InputMatrix stream = ModelFixtures.randomInputs(AutoencoderLearner.BLOCK + 10, 2);
        AutoencoderLearner early = learner();
        early.observe(stream.values(), 0, false);
        AutoencoderLearner stepped = learner();
        for (int row = 0; row < AutoencoderLearner.BLOCK + 1; row++) {
            stepped.observe(stream.values(), row * COLUMNS, false);
        }

        assertThat(learner().restore(null, early.progress())).isTrue();
        assertThat(learner().restore(null, stepped.progress())).as("progress after a step needs its weights")
                .isFalse();
    }

    @Test
    void stateOfAnotherModelOrCutShortIsRefused() {
        AutoencoderLearner learner = learner();
        InputMatrix stream = ModelFixtures.randomInputs(AutoencoderLearner.BLOCK, 4);
        for (int row = 0; row < AutoencoderLearner.BLOCK; row++) {
            learner.observe(stream.values(), row * COLUMNS, false);
        }
        AutoencoderLearner other = new AutoencoderLearner(MODEL, 43, ModelFixtures.layout(), 0.5, 0.001, 0.001, 1);
        byte[] weights = learner.weights();
        byte[] progress = learner.progress();

        assertThat(other.restore(weights, progress)).isFalse();
        assertThat(learner().restore(Arrays.copyOf(weights, weights.length - 4), progress)).isFalse();
        assertThat(learner().restore(weights, Arrays.copyOf(progress, 10))).isFalse();
        assertThat(learner().restore(weights, progress)).isTrue();
    }

    /**
     * 1e30: the loss is not finite. 1e18: the loss and the stepped weights are, but Adam's squared gradient is
     * beyond float's range.
     */
    @ParameterizedTest
    @ValueSource(floats = {1e30f, 1e18f})
    void aBlockOfEventsTooLargeForTheNetworkLeavesTheLearnerAsItWas(float value) {
        InputMatrix normal = ModelFixtures.randomInputs(10, 6);
        AutoencoderLearner learner = learner();
        double[] before = errorsOf(learner, normal);
        float[] large = new float[COLUMNS];
        Arrays.fill(large, value);

        for (int row = 0; row < AutoencoderLearner.BLOCK; row++) {
            learner.observe(large, 0, false);
        }

        assertThat(learner.steps()).isZero();
        assertThat(errorsOf(learner, normal)).containsExactly(before);
        assertThat(learner.restore(learner.weights(), learner.progress())).as("its state is still sound").isTrue();
    }

    @Test
    void aLastingShiftBecomesNormalOnceItIsLearnt() {
        InputMatrix shifted = shifted(ModelFixtures.randomInputs(4000, 11));
        AutoencoderLearner learner = new AutoencoderLearner(MODEL, 42, ModelFixtures.layout(), 0.5, 0.003, 0.001, 1);
        InputMatrix probe = rows(shifted, 3000, 4000);
        double before = mean(errorsOf(learner, probe));

        errors(learner, rows(shifted, 0, 3000), new int[] {AutoencoderLearner.BLOCK});

        assertThat(mean(errorsOf(learner, probe))).isLessThan(before / 2);
    }

    /** {@code learner} after the first {@code events} of {@code stream}, every fifth of them flagged. */
    private static AutoencoderLearner fedWith(AutoencoderLearner learner, InputMatrix stream, int events) {
        for (int row = 0; row < events; row++) {
            learner.observe(stream.values(), row * COLUMNS, row % 5 == 0);
        }
        return learner;
    }

    private static AutoencoderLearner denoising() {
        return new AutoencoderLearner(MODEL, 42, ModelFixtures.layout(), 0.5, 0.001, 0.001, 1, 0.4);
    }

    private static AutoencoderLearner learner() {
        return new AutoencoderLearner(MODEL, 42, ModelFixtures.layout(), 0.5, 0.001, 0.001, 1);
    }

    /** Scores the stream in calls of the given sizes (cycled), observing each row after its call. */
    private static double[] errors(AutoencoderLearner learner, InputMatrix stream, int[] sizes) {
        double[] errors = new double[stream.rows()];
        BatchScores scores = new BatchScores(3);
        int row = 0;
        for (int call = 0; row < stream.rows(); call++) {
            int count = Math.min(Math.min(sizes[call % sizes.length], learner.untilStep()), stream.rows() - row);
            learner.score(rows(stream, row, row + count), scores);
            for (int k = 0; k < count; k++) {
                errors[row + k] = scores.error(k);
                // Flag a fixed share, as a detector would: those are not learnt.
                learner.observe(stream.values(), (row + k) * COLUMNS, (row + k) % 7 == 0);
            }
            row += count;
        }
        return errors;
    }

    private static double[] errorsOf(AutoencoderLearner learner, InputMatrix rows) {
        BatchScores scores = new BatchScores(3);
        learner.score(rows, scores);
        return Arrays.copyOf(scores.errors(), rows.rows());
    }

    private static InputMatrix rows(InputMatrix matrix, int from, int to) {
        return new InputMatrix(Arrays.copyOfRange(matrix.values(), from * COLUMNS, to * COLUMNS), to - from, COLUMNS);
    }

    /** The first feature three standard deviations up, for good. */
    private static InputMatrix shifted(InputMatrix matrix) {
        for (int row = 0; row < matrix.rows(); row++) {
            matrix.values()[row * COLUMNS] += 3;
        }
        return matrix;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
