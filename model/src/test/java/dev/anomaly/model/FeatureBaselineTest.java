package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureBaselineTest {
    private static final double STEP = 0.002;
    private static final double[] NO_FLOOR = {0};

    @Test
    void fitsTheMedianAndQuartiles() {
        double[][] rows = new double[101][];
        for (int i = 0; i <= 100; i++) {
            rows[i] = new double[] {i};
        }

        FeatureBaseline baseline = FeatureBaseline.fit(rows, 1);

        assertThat(baseline.centre(0)).isEqualTo(50);
        assertThat(baseline.lowerQuartiles()[0]).isEqualTo(25);
        assertThat(baseline.upperQuartiles()[0]).isEqualTo(75);
        assertThat(baseline.spread(0)).isCloseTo(50 / FeatureBaseline.QUARTILE_SPAN, within(1e-12));
    }

    @Test
    void aLastingShiftOfTwoSpreadsBecomesTheNormalWithinTwoThousandEvents() {
        Random random = new Random(1);
        FeatureBaseline baseline = FeatureBaseline.fit(normal(random, 0, 2_000), 1);
        double spread = baseline.spread(0);

        // Steps of 0.002 spreads: 1,000 events to cover the distance at full speed; the last part is slower, as
        // the events fall on both sides of the median.
        for (int i = 0; i < 2_000; i++) {
            baseline.learn(new double[] {2 * spread + random.nextGaussian()}, STEP, NO_FLOOR);
        }

        assertThat(baseline.centre(0)).isCloseTo(2 * spread, within(0.15));
        assertThat(baseline.spread(0)).isCloseTo(1, within(0.3));
    }

    @Test
    void aBurstOfHugeAnomaliesMovesTheBaselineByAFewStepsOnly() {
        Random random = new Random(2);
        FeatureBaseline baseline = FeatureBaseline.fit(normal(random, 10, 2_000), 1);
        double centre = baseline.centre(0);
        double spread = baseline.spread(0);

        for (int i = 0; i < 10; i++) {
            baseline.learn(new double[] {1e9}, STEP, NO_FLOOR);
        }

        // Ten events, each moving the median by one step and the quartiles by 1.5 steps of the spread at most.
        assertThat(baseline.centre(0) - centre).isLessThanOrEqualTo(10 * STEP * 1.1 * spread);
        assertThat(baseline.spread(0)).isCloseTo(spread, within(0.05 * spread));
    }

    @Test
    void aConstantFeatureStaysPut() {
        FeatureBaseline baseline = FeatureBaseline.fit(new double[][] {{5}, {5}, {5}}, 1);

        for (int i = 0; i < 100; i++) {
            baseline.learn(new double[] {5}, STEP, new double[] {0.1});
        }

        assertThat(baseline.centre(0)).isEqualTo(5);
        assertThat(baseline.spread(0)).isZero();
    }

    @Test
    void survivesItsEncoding() {
        FeatureBaseline baseline = FeatureBaseline.fit(normal(new Random(3), 4, 50), 1);
        ByteBuffer buffer = ByteBuffer.allocate(FeatureBaseline.encodedSize(1));
        baseline.encodeTo(buffer);
        buffer.flip();

        assertThat(FeatureBaseline.decode(buffer, 1)).isEqualTo(baseline);
    }

    @Test
    void damagedBytesAreNoBaseline() {
        ByteBuffer buffer = ByteBuffer.allocate(FeatureBaseline.encodedSize(1));
        buffer.putDouble(1).putDouble(2).putDouble(3).flip(); // lower quartile above the median

        assertThat(FeatureBaseline.decode(buffer, 1)).isNull();
        assertThat(FeatureBaseline.decode(ByteBuffer.allocate(8), 1)).isNull();
    }

    private static double[][] normal(Random random, double mean, int count) {
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new double[] {mean + random.nextGaussian()};
        }
        return rows;
    }
}
