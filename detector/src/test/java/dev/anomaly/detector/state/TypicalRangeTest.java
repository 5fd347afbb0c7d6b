package dev.anomaly.detector.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TypicalRangeTest {
    /** The 5th and 95th percentiles of a standard normal distribution. */
    private static final double Z95 = 1.6448536269514722;

    @Test
    void learnsTheMiddleNinetyPercentOfAHostsValues() {
        TypicalRange range = new TypicalRange(2);
        Random random = new Random(1);
        for (int i = 0; i < 3_000; i++) {
            range.learn(new double[] {70 + 5 * random.nextGaussian(), 0.5 * random.nextGaussian()});
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

        range.learn(new double[] {300});
        assertThat(range.low(0)).isEqualTo(300);
        assertThat(range.high(0)).isEqualTo(300);
        for (int i = 0; i < 30; i++) {
            range.learn(new double[] {300 + 20 * random.nextGaussian()});
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
            range.learn(new double[] {30 + 5 * random.nextGaussian() + spike});
        }
        assertThat(range.centre(0)).as("median beside the spikes").isCloseTo(30, within(3.0));
        assertThat(range.high(0)).as("95th percentile beside the spikes").isLessThan(50);

        for (int i = 0; i < 1_000; i++) {
            range.learn(new double[] {60 + 5 * random.nextGaussian()});
        }
        assertThat(range.centre(0)).as("median on the new level").isCloseTo(60, within(3.0));
        assertThat(range.low(0)).as("the old level is no longer typical").isGreaterThan(45);
    }

    @Test
    void aFlatLineIsItsOwnRangeAndStillFollowsALastingChange() {
        TypicalRange range = new TypicalRange(1);
        for (int i = 0; i < 500; i++) {
            range.learn(new double[] {0});
        }
        assertThat(range.low(0)).isZero();
        assertThat(range.high(0)).isZero();

        for (int i = 0; i < 1_500; i++) {
            range.learn(new double[] {50});
        }
        assertThat(range.centre(0)).isCloseTo(50, within(1.0));
        assertThat(range.low(0)).isGreaterThan(40);
    }

    @Test
    void skipsValuesThatAreNoNumbers() {
        TypicalRange range = new TypicalRange(2);
        range.learn(new double[] {1, 2});
        range.learn(new double[] {Double.NaN, Double.POSITIVE_INFINITY});
        range.learn(new double[] {1e300, 2});

        assertThat(range.centre(0)).isEqualTo(1);
        assertThat(range.high(1)).isEqualTo(2);
    }

    @Test
    void comesBackFromItsBytesExactlyAndRefusesDamagedOnes() {
        TypicalRange range = new TypicalRange(3);
        Random random = new Random(4);
        for (int i = 0; i < 50; i++) {
            range.learn(new double[] {random.nextGaussian(), 10 * random.nextGaussian(), 100 + random.nextDouble()});
        }
        ByteBuffer buffer = ByteBuffer.allocate(TypicalRange.encodedSize(3));
        range.encodeTo(buffer);

        TypicalRange restored = TypicalRange.decode(ByteBuffer.wrap(buffer.array()), 3);
        for (int i = 0; i < 50; i++) {
            double[] event = {random.nextGaussian(), 10 * random.nextGaussian(), 100 + random.nextDouble()};
            range.learn(event);
            restored.learn(event);
        }
        for (int f = 0; f < 3; f++) {
            assertThat(restored.low(f)).isEqualTo(range.low(f));
            assertThat(restored.centre(f)).isEqualTo(range.centre(f));
            assertThat(restored.high(f)).isEqualTo(range.high(f));
        }
        byte[] swapped = buffer.array().clone();
        ByteBuffer.wrap(swapped).putFloat(4, 1e9f);
        assertThat(TypicalRange.decode(ByteBuffer.wrap(swapped), 3)).as("a low above its median").isNull();
        assertThat(TypicalRange.decode(ByteBuffer.wrap(new byte[7]), 3)).isNull();
    }
}
