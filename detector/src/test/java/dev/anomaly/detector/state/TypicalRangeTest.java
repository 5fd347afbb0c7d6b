package dev.anomaly.detector.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TypicalRangeTest {
    /** The 5th and 95th percentiles of a standard normal distribution. */
    private static final double Z95 = 1.6448536269514722;
    /** Three features of which nothing is known. */
    private static final TypicalLimits NONE = TypicalLimits.none(3);

    @Test
    void learnsTheMiddleNinetyPercentOfAHostsValues() {
        TypicalRange range = new TypicalRange(2);
        Random random = new Random(1);
        for (int i = 0; i < 3_000; i++) {
            range.learn(new double[] {70 + 5 * random.nextGaussian(), 0.5 * random.nextGaussian()}, NONE);
        }

        // The steady step is a twentieth of a spread: the estimates wander by about that much around the truth.
        assertThat(range.centre(0)).isCloseTo(70, within(2.0));
        assertThat(range.low(0)).isCloseTo(70 - Z95 * 5, within(2.5));
        assertThat(range.high(0)).isCloseTo(70 + Z95 * 5, within(2.5));
        assertThat(range.low(1)).isCloseTo(-Z95 * 0.5, within(0.25));
        assertThat(range.high(1)).isCloseTo(Z95 * 0.5, within(0.25));
        int inside = 0;
        for (int i = 0; i < 1_000; i++) {
            double value = 70 + 5 * random.nextGaussian();
            inside += value >= range.low(0) && value <= range.high(0) ? 1 : 0;
        }
        assertThat(inside).as("fresh values inside the typical range").isBetween(800, 970);
    }

    @Test
    void aNewHostsRangeIsItsOwnWithinItsFirstEvents() {
        TypicalRange range = new TypicalRange(1);
        Random random = new Random(2);
        assertThat(range.low(0)).isNaN();
        assertThat(range.centre(0)).isNaN();

        range.learn(new double[] {300}, NONE);
        assertThat(range.low(0)).isEqualTo(300);
        assertThat(range.high(0)).isEqualTo(300);
        for (int i = 0; i < 30; i++) {
            range.learn(new double[] {300 + 20 * random.nextGaussian()}, NONE);
        }

        assertThat(range.centre(0)).isCloseTo(300, within(15.0));
        assertThat(range.high(0) - range.low(0)).as("spread of 20: a range of about 66").isBetween(25.0, 130.0);
    }

    @Test
    void anomaliesBarelyMoveItAndALastingLevelBecomesTypical() {
        TypicalRange range = new TypicalRange(1);
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            // One event in twenty is a spike eight spreads up.
            double spike = random.nextInt(20) == 0 ? 40 : 0;
            range.learn(new double[] {30 + 5 * random.nextGaussian() + spike}, NONE);
        }
        assertThat(range.centre(0)).as("median beside the spikes").isCloseTo(30, within(3.0));
        assertThat(range.high(0)).as("95th percentile beside the spikes").isLessThan(50);

        for (int i = 0; i < 1_000; i++) {
            range.learn(new double[] {60 + 5 * random.nextGaussian()}, NONE);
        }
        assertThat(range.centre(0)).as("median on the new level").isCloseTo(60, within(3.0));
        assertThat(range.low(0)).as("the old level is no longer typical").isGreaterThan(45);
    }

    @Test
    void aFlatLineIsItsOwnRangeAndStillFollowsALastingChangeFromTheModelsFloor() {
        // The fleet's spread of this feature in training was 15: its floor is 0.15.
        TypicalLimits limits = new TypicalLimits(new double[] {0.15}, new boolean[] {true});
        TypicalRange range = new TypicalRange(1);
        for (int i = 0; i < 500; i++) {
            range.learn(new double[] {0}, limits);
        }
        assertThat(range.low(0)).isZero();
        assertThat(range.high(0)).isLessThan(0.05f);

        for (int i = 0; i < 1_500; i++) {
            range.learn(new double[] {50}, limits);
        }
        assertThat(range.centre(0)).isCloseTo(50, within(1.0));
        assertThat(range.low(0)).isGreaterThan(40);
    }

    @Test
    void oneHugeValueMovesAWarmRangeByASpreadStepAtMost() {
        TypicalRange range = new TypicalRange(1);
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            range.learn(new double[] {30 + 5 * random.nextGaussian()}, NONE);
        }
        double high = range.high(0);
        double centre = range.centre(0);
        double spread = (high - range.low(0)) / (2 * Z95);

        range.learn(new double[] {10_000}, NONE);

        assertThat(range.high(0) - high).isLessThanOrEqualTo(2 * TypicalRange.STEP * spread + 1e-4);
        assertThat(range.centre(0) - centre).isLessThanOrEqualTo(TypicalRange.STEP * spread + 1e-4);
    }

    @Test
    void valuesAtTheEdgeOfAFloatNeverLeaveARangeEmpty() {
        TypicalRange range = new TypicalRange(1);
        for (int i = 0; i < 40; i++) {
            range.learn(new double[] {i % 2 == 0 ? 0 : 3.4e38}, NONE);
        }

        assertThat(range.low(0)).isFinite();
        assertThat(range.high(0)).isFinite().isLessThanOrEqualTo(Float.MAX_VALUE);
        assertThat(range.centre(0)).isBetween(range.low(0), range.high(0));
    }

    @Test
    void aFeatureNeverNegativeInTrainingHasNoRangeBelowZero() {
        TypicalLimits limits = new TypicalLimits(new double[] {0.01, 0.01}, new boolean[] {true, false});
        TypicalRange range = new TypicalRange(2);
        Random random = new Random(6);
        for (int i = 0; i < 2_000; i++) {
            double value = -Math.log(1 - random.nextDouble());
            range.learn(new double[] {value, value - 0.1}, limits);
            assertThat(range.low(0)).isGreaterThanOrEqualTo(0);
        }
        assertThat(range.high(0)).isCloseTo(-Math.log(0.05), within(0.7));
    }

    @Test
    void skipsValuesThatAreNoNumbersAndStartsEachFeatureAtItsFirstNumber() {
        TypicalRange range = new TypicalRange(2);
        range.learn(new double[] {1, 1e39}, NONE);
        assertThat(range.centre(1)).as("a value beyond a float is none").isNaN();
        range.learn(new double[] {Double.NaN, Double.POSITIVE_INFINITY}, NONE);
        range.learn(new double[] {1e300, 2}, NONE);

        assertThat(range.centre(0)).isEqualTo(1);
        assertThat(range.low(1)).isEqualTo(2);
        assertThat(range.high(1)).isEqualTo(2);
    }

    @Test
    void comesBackFromItsBytesExactlyAndRefusesDamagedOnes() {
        TypicalRange range = new TypicalRange(3);
        Random random = new Random(4);
        for (int i = 0; i < 50; i++) {
            range.learn(new double[] {random.nextGaussian(), 10 * random.nextGaussian(), 100 + random.nextDouble()},
                    NONE);
        }
        ByteBuffer buffer = ByteBuffer.allocate(TypicalRange.encodedSize(3));
        range.encodeTo(buffer);

        TypicalRange restored = TypicalRange.decode(ByteBuffer.wrap(buffer.array()), 3);
        for (int i = 0; i < 50; i++) {
            double[] event = {random.nextGaussian(), 10 * random.nextGaussian(), 100 + random.nextDouble()};
            range.learn(event, NONE);
            restored.learn(event, NONE);
        }
        for (int f = 0; f < 3; f++) {
            assertThat(restored.low(f)).isEqualTo(range.low(f));
            assertThat(restored.centre(f)).isEqualTo(range.centre(f));
            assertThat(restored.high(f)).isEqualTo(range.high(f));
        }
        TypicalRange fresh = new TypicalRange(3);
        ByteBuffer unset = ByteBuffer.allocate(TypicalRange.encodedSize(3));
        fresh.encodeTo(unset);
        assertThat(TypicalRange.decode(ByteBuffer.wrap(unset.array()), 3).centre(1)).as("features not seen yet")
                .isNaN();
        byte[] swapped = buffer.array().clone();
        ByteBuffer.wrap(swapped).putFloat(4, 1e9f);
        assertThat(TypicalRange.decode(ByteBuffer.wrap(swapped), 3)).as("a low above its median").isNull();
        assertThat(TypicalRange.decode(ByteBuffer.wrap(new byte[7]), 3)).isNull();
    }
}
