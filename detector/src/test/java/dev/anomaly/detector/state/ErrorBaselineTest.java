package dev.anomaly.detector.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorBaselineTest {
    private static final LikelihoodSettings SETTINGS = LikelihoodSettings.of(LikelihoodSettings.DEFAULT_THRESHOLD, 1);

    private final Random random = new Random(42);
    private final ErrorBaseline baseline = new ErrorBaseline(SETTINGS.shortWindow());

    /** A model's typical errors, as confidences (error / threshold): log-normal around 0.3. */
    private double normalConfidence() {
        return 0.3 * Math.exp(0.5 * random.nextGaussian());
    }

    /** Judges and learns a confidence; whether it is an anomaly as the detector decides: above both bars. */
    private boolean flagged(double confidence) {
        double likelihood = baseline.judge(confidence, SETTINGS);
        return confidence > 1 && likelihood >= SETTINGS.threshold();
    }

    /** Equal, NaN (still warming up) included. */
    private static void assertSameLikelihood(double actual, double expected, int event) {
        assertThat(Double.compare(actual, expected)).as("event %d: %s, expected %s", event, actual, expected).isZero();
    }

    @Test
    void aHostIsJudgedByTheThresholdUntilItHasWarmedUp() {
        for (int i = 0; i < SETTINGS.warmUp(); i++) {
            assertThat(baseline.judge(normalConfidence(), SETTINGS)).as("event %d", i).isNaN();
        }
        assertThat(baseline.judge(normalConfidence(), SETTINGS)).isBetween(0.0, 1.0);
    }

    @Test
    void anAnomalyDuringTheWarmUpStaysOutOfTheBaseline() {
        ErrorBaseline clean = new ErrorBaseline(SETTINGS.shortWindow());
        Random same = new Random(7);
        for (int i = 0; i < SETTINGS.warmUp() + 5; i++) {
            double confidence = 0.3 * Math.exp(0.5 * same.nextGaussian());
            if (i == 3 || i == 4) {
                // Two anomalies early in the host's life (the generator's episodes come every 24 events).
                assertThat(baseline.judge(40, SETTINGS)).isNaN();
            }
            assertSameLikelihood(baseline.judge(confidence, SETTINGS), clean.judge(confidence, SETTINGS), i);
        }
        assertThat(flagged(8)).as("an anomaly right after the warm-up").isTrue();
    }

    @Test
    void aHostAlwaysAboveTheThresholdStillWarmsUpOnItsOwnLevel() {
        int patience = LikelihoodSettings.WARM_UP_PATIENCE * SETTINGS.warmUp();
        for (int i = 0; i < patience + SETTINGS.warmUp(); i++) {
            assertThat(baseline.judge(5 * Math.exp(0.2 * random.nextGaussian()), SETTINGS)).as("event %d", i).isNaN();
        }
        int flagged = 0;
        for (int i = 0; i < 1_000; i++) {
            flagged += flagged(5 * Math.exp(0.2 * random.nextGaussian())) ? 1 : 0;
        }
        assertThat(flagged).as("flagged of 1,000 events at the host's own level").isLessThanOrEqualTo(2);
    }

    @Test
    void aWarmingBaselineReadBackCountsWhatItLeftOut() {
        for (int i = 0; i < 50; i++) {
            baseline.judge(i % 2 == 0 ? 3 : normalConfidence(), SETTINGS);
        }
        ByteBuffer buffer = ByteBuffer.allocate(baseline.encodedSize());
        baseline.encodeTo(buffer);
        ErrorBaseline copy = ErrorBaseline.decode(buffer.flip(), SETTINGS.shortWindow());

        for (int i = 0; i < 200; i++) {
            double confidence = i % 2 == 0 ? 3 : normalConfidence();
            assertSameLikelihood(copy.judge(confidence, SETTINGS), baseline.judge(confidence, SETTINGS), i);
        }
    }

    @Test
    void steadyErrorsAboveTheThresholdAreMostlyNotUnusualForTheHost() {
        int aboveThreshold = 0;
        int flagged = 0;
        for (int i = 0; i < 20_000; i++) {
            double confidence = normalConfidence();
            aboveThreshold += confidence > 1 ? 1 : 0;
            flagged += flagged(confidence) ? 1 : 0;
        }
        assertThat(flagged).as("flagged of 20,000 steady errors, %d above the threshold", aboveThreshold)
                .isLessThan(aboveThreshold * 2 / 3);
    }

    @Test
    void aSpikeIsUnusualAndHigh() {
        for (int i = 0; i < 2_000; i++) {
            baseline.judge(normalConfidence(), SETTINGS);
        }
        double likelihood = baseline.judge(30 * 0.3, SETTINGS);

        assertThat(SETTINGS.severity(likelihood)).isEqualTo(dev.anomaly.common.event.Severity.HIGH);
    }

    @Test
    void aBurstOfSpikesBarelyMovesTheBaseline() {
        for (int i = 0; i < 2_000; i++) {
            baseline.judge(normalConfidence(), SETTINGS);
        }
        for (int i = 0; i < 6; i++) {
            baseline.judge(30 * 0.3, SETTINGS);
        }
        for (int i = 0; i < 20; i++) {
            baseline.judge(normalConfidence(), SETTINGS);
        }
        assertThat(flagged(30 * 0.3)).as("a second spike soon after a burst").isTrue();
    }

    @Test
    void aLastingNewLevelIsNoticedAndThenBecomesTheNewNormal() {
        for (int i = 0; i < 2_000; i++) {
            baseline.judge(normalConfidence(), SETTINGS);
        }
        int flaggedFirst = 0;
        int flaggedLater = 0;
        for (int i = 0; i < 2_000; i++) {
            boolean flagged = flagged(10 * normalConfidence());
            if (flagged && i < 10) {
                flaggedFirst++;
            } else if (flagged && i >= 400) {
                flaggedLater++;
            }
        }
        assertThat(flaggedFirst).as("flagged of the first 10 events at the new level").isGreaterThanOrEqualTo(5);
        assertThat(flaggedLater).as("flagged of the 1,600 events from 400 after the change").isLessThanOrEqualTo(16);
    }

    @Test
    void anomaliesAsManyAsAQuarterOfAllEventsDoNotHideTheOthers() {
        int caught = 0;
        int falseAlarms = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean anomaly = i % 4 == 0;
            boolean flagged = flagged(anomaly ? 20 * normalConfidence() : normalConfidence());
            if (i >= 1_000 && flagged) {
                if (anomaly) {
                    caught++;
                } else {
                    falseAlarms++;
                }
            }
        }
        assertThat(caught).as("caught of the 4,750 anomalies after the first 1,000 events").isGreaterThan(4_500);
        assertThat(falseAlarms).as("flagged of the 14,250 normal events").isLessThanOrEqualTo(15);
    }

    @Test
    void aFlatLineIsCalmAndADepartureFromItIsUnusual() {
        for (int i = 0; i < 500; i++) {
            double likelihood = baseline.judge(0, SETTINGS);
            assertThat(likelihood >= SETTINGS.threshold()).as("event %d unusual", i).isFalse();
        }
        assertThat(flagged(2)).isTrue();
    }

    @Test
    void errorsFarBelowTheThresholdLookAlike() {
        for (int i = 0; i < 500; i++) {
            baseline.judge(1e-3 * (1 + random.nextDouble()), SETTINGS);
        }
        assertThat(baseline.judge(1e-2, SETTINGS)).isLessThan(SETTINGS.threshold());
    }

    @Test
    void anErrorThatIsNotANumberIsNeitherJudgedNorLearnt() {
        for (int i = 0; i < 100; i++) {
            baseline.judge(normalConfidence(), SETTINGS);
        }
        assertThat(baseline.judge(Double.NaN, SETTINGS)).isNaN();
        assertThat(baseline.judge(Double.POSITIVE_INFINITY, SETTINGS)).isNaN();
        assertThat(baseline.judge(normalConfidence(), SETTINGS)).isBetween(0.0, 1.0);
    }

    @Test
    void aBaselineReadBackJudgesExactlyAsTheOriginal() {
        for (int i = 0; i < 1_000; i++) {
            baseline.judge(normalConfidence(), SETTINGS);
        }
        ByteBuffer buffer = ByteBuffer.allocate(baseline.encodedSize());
        baseline.encodeTo(buffer);
        ErrorBaseline copy = ErrorBaseline.decode(buffer.flip(), SETTINGS.shortWindow());

        for (int i = 0; i < 1_000; i++) {
            double confidence = i % 100 == 0 ? 9 : normalConfidence();
            assertThat(copy.judge(confidence, SETTINGS)).isEqualTo(baseline.judge(confidence, SETTINGS));
        }
    }

    @Test
    void aBaselineOfAnotherShortWindowIsNotReadBackWarmingOrWarm() {
        ByteBuffer warming = ByteBuffer.allocate(baseline.encodedSize());
        baseline.encodeTo(warming);
        for (int i = 0; i < SETTINGS.warmUp(); i++) {
            baseline.judge(normalConfidence(), SETTINGS);
        }
        ByteBuffer warm = ByteBuffer.allocate(baseline.encodedSize());
        baseline.encodeTo(warm);

        for (int window = 2; window <= 3; window++) {
            assertThat(ErrorBaseline.decode(warming.flip(), window)).isNull();
            assertThat(ErrorBaseline.decode(warm.flip(), window)).isNull();
        }
    }

    @Test
    void theNormalTailIsAccurateFarOut() {
        // Relative error below 1.2e-7 (2e-5 percent allows for the quantiles' last digits).
        assertThat(ErrorBaseline.upperTail(0)).isCloseTo(0.5, withinPercentage(2e-5));
        assertThat(ErrorBaseline.upperTail(1.959963984540054)).isCloseTo(0.025, withinPercentage(2e-5));
        assertThat(ErrorBaseline.upperTail(3.7190164854556804)).isCloseTo(1e-4, withinPercentage(2e-5));
        assertThat(ErrorBaseline.upperTail(4.753424308822899)).isCloseTo(1e-6, withinPercentage(2e-5));
        assertThat(ErrorBaseline.upperTail(-1.959963984540054)).isCloseTo(0.975, withinPercentage(2e-5));
    }
}
