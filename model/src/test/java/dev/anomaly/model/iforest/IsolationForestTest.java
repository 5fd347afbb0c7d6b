package dev.anomaly.model.iforest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.anomaly.model.InputMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IsolationForestTest {
    private static final int TYPICAL = 2000;
    /**
     * Far out in both features: axis-parallel splits isolate a row far out in one feature but central in the
     * other, such as (0, 10), less readily, and it can score below the corners of the bulk.
     */
    private static final float[][] OUTLIERS = {{8, 8}, {-8, 7}, {9, -8}, {-7, -9}, {6, -9}};
    private static final float[] ROWS = Samples.gaussianWithOutliers(TYPICAL, 2, 11, OUTLIERS);
    private static final int ROW_COUNT = TYPICAL + OUTLIERS.length;

    private static double[] errors(IsolationForest forest) {
        double[] errors = new double[ROW_COUNT];
        forest.score(ROWS, ROW_COUNT, errors, null);
        return errors;
    }

    private static IsolationForest fit(long seed) {
        return IsolationForest.fit(ROWS, ROW_COUNT, 2, IsolationForestSettings.withSeed(seed));
    }

    @Test
    void farOutliersGetTheHighestErrors() {
        IsolationForest forest = fit(1);

        double[] errors = errors(forest);

        assertThat(Samples.topIndices(errors, OUTLIERS.length))
                .containsExactlyInAnyOrder(TYPICAL, TYPICAL + 1, TYPICAL + 2, TYPICAL + 3, TYPICAL + 4);
    }

    @Test
    void typicalRowsHaveErrorsCloseToOne() {
        IsolationForest forest = fit(1);

        double[] errors = errors(forest);

        assertThat(Samples.mean(errors, 0, TYPICAL)).isBetween(0.8, 1.2);
    }

    @Test
    void outliersScoreAboveSixTenthsAndTypicalRowsAboutAHalf() {
        IsolationForest forest = fit(1);

        double[] standard = Arrays.stream(errors(forest)).map(IsolationForest::standardScore).toArray();

        assertThat(Arrays.stream(standard, TYPICAL, ROW_COUNT).min().orElseThrow()).isGreaterThan(0.6);
        assertThat(Samples.mean(standard, 0, TYPICAL)).isLessThanOrEqualTo(0.52);
    }

    @Test
    void standardScoreIsTwoToTheMinusInverseError() {
        assertThat(IsolationForest.standardScore(1)).isEqualTo(0.5);
        assertThat(IsolationForest.standardScore(4)).isCloseTo(Math.pow(2, -0.25), within(1e-15));
        assertThatThrownBy(() -> IsolationForest.standardScore(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameSeedGivesIdenticalErrors() {
        double[] first = errors(fit(42));

        double[] second = errors(fit(42));

        assertThat(second).containsExactly(first);
    }

    @Test
    void anotherSeedGivesAnotherForestWithASimilarRanking() {
        double[] first = errors(fit(42));

        double[] second = errors(fit(43));

        assertThat(second).isNotEqualTo(first);
        assertThat(Samples.topIndices(second, OUTLIERS.length))
                .containsExactlyInAnyOrder(Samples.topIndices(first, OUTLIERS.length));
        assertThat(correlation(first, second)).isGreaterThan(0.9);
    }

    private static double correlation(double[] x, double[] y) {
        double meanX = Samples.mean(x, 0, x.length);
        double meanY = Samples.mean(y, 0, y.length);
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            xy += (x[i] - meanX) * (y[i] - meanY);
            xx += (x[i] - meanX) * (x[i] - meanX);
            yy += (y[i] - meanY) * (y[i] - meanY);
        }
        return xy / Math.sqrt(xx * yy);
    }

    @Test
    void samplesAreCappedAtTheTrainingRows() {
        float[] rows = Samples.gaussianWithOutliers(50, 3, 5);

        IsolationForest forest = IsolationForest.fit(rows, 50, 3, IsolationForestSettings.withSeed(1));

        assertThat(forest.sampleSize()).isEqualTo(50);
        assertThat(forest.trees()).isEqualTo(100);
        assertThat(forest.columns()).isEqualTo(3);
    }

    @Test
    void constantTrainingDataGivesFiniteErrors() {
        float[] rows = new float[100 * 3];
        Arrays.fill(rows, 4.5f);
        IsolationForest forest = IsolationForest.fit(rows, 100, 3, IsolationForestSettings.withSeed(1));
        float[] queries = {4.5f, 4.5f, 4.5f, -1e30f, 0, 1e30f};
        double[] errors = new double[2];

        forest.score(queries, 2, errors, null);

        // No split was possible: every row stops at the root, whose path length is c(ψ) exactly.
        assertThat(errors).containsExactly(new double[] {1, 1}, within(1e-12));
    }

    @Test
    void takesAnInputMatrixAsWell() {
        InputMatrix matrix = new InputMatrix(ROWS, ROW_COUNT, 2);
        IsolationForest forest = IsolationForest.fit(matrix, IsolationForestSettings.withSeed(3));
        double[] errors = new double[ROW_COUNT];

        forest.score(matrix, errors, null);

        assertThat(errors).containsExactly(errors(fit(3)));
    }

    @Test
    void fittingRejectsRowsThatDoNotFillTheShape() {
        assertThatThrownBy(() -> IsolationForest.fit(new float[5], 3, 2, IsolationForestSettings.withSeed(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit 5 values");
    }

    @Test
    void fittingNeedsTwoRows() {
        assertThatThrownBy(() -> IsolationForest.fit(new float[2], 1, 2, IsolationForestSettings.withSeed(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 training rows");
    }

    @Test
    void fittingRejectsValuesThatAreNotFinite() {
        float[] rows = {1, 2, 3, Float.NaN};

        assertThatThrownBy(() -> IsolationForest.fit(rows, 2, 2, IsolationForestSettings.withSeed(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row 1, column 1 is NaN");
    }

    @Test
    void scoringRejectsRowsThatDoNotFillTheShape() {
        IsolationForest forest = fit(1);

        assertThatThrownBy(() -> forest.score(new float[5], 3, new double[3], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit 5 values");
    }

    @Test
    void scoringRejectsOutputsTooSmallForTheRows() {
        IsolationForest forest = fit(1);

        assertThatThrownBy(() -> forest.score(new float[6], 3, new double[2], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorsOut");
        assertThatThrownBy(() -> forest.score(new float[6], 3, new double[3], new float[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attributionOut");
    }
}
