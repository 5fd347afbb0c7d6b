package dev.anomaly.model.iforest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The per-feature shares {@link IsolationForest#score} writes next to the errors. */
class AttributionTest {
    private static final int TYPICAL = 1000;
    private static final int COLUMNS = 4;
    /** Typical in every feature but feature 2. */
    private static final float[][] OUTLIERS = {{0, 0, 9, 0}, {0.5f, -0.5f, -8, 0.3f}, {-1, 1, 10, -1}};
    private static final float[] ROWS = Samples.gaussianWithOutliers(TYPICAL, COLUMNS, 21, OUTLIERS);
    private static final int ROW_COUNT = TYPICAL + OUTLIERS.length;

    private static float[] attribution(IsolationForest forest, float[] rows, int rowCount) {
        float[] shares = new float[rowCount * COLUMNS];
        forest.score(rows, rowCount, new double[rowCount], shares);
        return shares;
    }

    @Test
    void anOutlierInOneFeatureIsAttributedMostlyToThatFeature() {
        IsolationForest forest = IsolationForest.fit(ROWS, ROW_COUNT, COLUMNS, IsolationForestSettings.withSeed(1));

        float[] shares = attribution(forest, ROWS, ROW_COUNT);

        for (int row = TYPICAL; row < ROW_COUNT; row++) {
            assertThat(shares[row * COLUMNS + 2]).as("row %d", row).isGreaterThan(0.5f);
        }
    }

    @Test
    void theSharesOfEveryRowSumToOne() {
        IsolationForest forest = IsolationForest.fit(ROWS, ROW_COUNT, COLUMNS, IsolationForestSettings.withSeed(1));

        float[] shares = attribution(forest, ROWS, ROW_COUNT);

        for (int row = 0; row < ROW_COUNT; row++) {
            double sum = 0;
            for (int f = 0; f < COLUMNS; f++) {
                sum += shares[row * COLUMNS + f];
            }
            assertThat(sum).as("row %d", row).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void aRowNoTreeSplitSharesEqually() {
        float[] constant = new float[10 * COLUMNS];
        Arrays.fill(constant, 2);
        IsolationForest forest = IsolationForest.fit(constant, 10, COLUMNS, IsolationForestSettings.withSeed(1));

        float[] shares = attribution(forest, constant, 1);

        assertThat(shares).containsExactly(0.25f, 0.25f, 0.25f, 0.25f);
    }

    @Test
    void askingForAttributionDoesNotChangeTheErrors() {
        IsolationForest forest = IsolationForest.fit(ROWS, ROW_COUNT, COLUMNS, IsolationForestSettings.withSeed(1));
        double[] without = new double[ROW_COUNT];
        double[] with = new double[ROW_COUNT];

        forest.score(ROWS, ROW_COUNT, without, null);
        forest.score(ROWS, ROW_COUNT, with, new float[ROW_COUNT * COLUMNS]);

        assertThat(with).containsExactly(without);
    }
}
