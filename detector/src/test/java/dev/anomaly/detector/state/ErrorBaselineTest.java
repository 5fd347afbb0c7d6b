package dev.anomaly.detector.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorBaselineTest {
    private static final LikelihoodSettings SETTINGS = LikelihoodSettings.of(0.9999, 1);
    private static final double FLOOR = 0.001;
    private static final int MODEL = 7;

    private final Random random = new Random(42);
    private final ErrorBaseline baseline = new ErrorBaseline(SETTINGS.shortWindow(), MODEL);

    /** A model's typical errors: log-normal around 0.1. */
    private double normalError() {
        return 0.1 * Math.exp(0.5 * random.nextGaussian());
    }

    private double judge(double error) {
        return baseline.judge(error, MODEL, FLOOR, SETTINGS);
    }

    @Test
    void aHostIsJudgedByTheThresholdUntilItHasWarmedUp() {
        for (int i = 0; i < SETTINGS.warmUp(); i++) {
            assertThat(judge(normalError())).as("event %d", i).isNaN();
        }
        assertThat(judge(normalError())).isBetween(0.0, 1.0);
    }

    @Test
    void steadyErrorsAreRarelyUnusual() {
        int flagged = 0;
        for (int i = 0; i < 20_000; i++) {
            if (judge(normalError()) >= SETTINGS.threshold()) {
                flagged++;
            }
        }
        assertThat(flagged).as("flagged of 20,000 steady errors").isLessThanOrEqualTo(20);
    }

    @Test
    void aSpikeIsUnusualAndHighWhenItIsLarge() {
        for (int i = 0; i < 2_000; i++) {
            judge(normalError());
        }
        double likelihood = judge(30 * 0.1);

        assertThat(likelihood).isGreaterThanOrEqualTo(SETTINGS.threshold());
        assertThat(SETTINGS.severity(likelihood)).isEqualTo(dev.anomaly.common.model.Severity.HIGH);
    }

    @Test
    void aSpikeBarelyMovesTheBaseline() {
        for (int i = 0; i < 2_000; i++) {
            judge(normalError());
        }
        for (int i = 0; i < 6; i++) {
            judge(30 * 0.1);
        }
        int flagged = 0;
        for (int i = 0; i < 20; i++) {
            // The first events after it still share the short-term average with the spike.
            if (judge(normalError()) >= SETTINGS.threshold() && i >= SETTINGS.shortWindow() - 1) {
                flagged++;
            }
        }
        double spikeAgain = 0;
        for (int i = 0; i < SETTINGS.shortWindow(); i++) {
            spikeAgain = judge(30 * 0.1);
        }
        assertThat(spikeAgain).as("a second spike soon after the first").isGreaterThanOrEqualTo(SETTINGS.threshold());
        assertThat(flagged).isZero();
    }

    @Test
    void aLastingNewLevelIsNoticedAndThenBecomesTheNewNormal() {
        for (int i = 0; i < 2_000; i++) {
            judge(normalError());
        }
        int flaggedFirst = 0;
        int flaggedLater = 0;
        for (int i = 0; i < 2_000; i++) {
            boolean flagged = judge(10 * normalError()) >= SETTINGS.threshold();
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
            double likelihood = judge(anomaly ? 20 * normalError() : normalError());
            if (i >= 1_000 && likelihood >= SETTINGS.threshold()) {
                if (anomaly) {
                    caught++;
                } else {
                    falseAlarms++;
                }
            }
        }
        assertThat(caught).as("caught of the 4,750 anomalies after the first 1,000 events").isGreaterThan(3_300);
        assertThat(falseAlarms).as("flagged of the 14,250 normal events").isLessThanOrEqualTo(15);
    }

    @Test
    void aFlatLineIsCalmAndADepartureFromItIsUnusual() {
        for (int i = 0; i < 500; i++) {
            double likelihood = judge(0);
            assertThat(likelihood >= SETTINGS.threshold()).as("event %d flagged", i).isFalse();
        }
        assertThat(judge(0.1)).isGreaterThanOrEqualTo(SETTINGS.threshold());
    }

    @Test
    void errorsFarBelowTheFloorCountAsEqual() {
        for (int i = 0; i < 500; i++) {
            judge(FLOOR * 1e-3 * (1 + random.nextDouble()));
        }
        assertThat(judge(FLOOR * 1e-2)).isLessThan(SETTINGS.threshold());
    }

    @Test
    void aBaselineReadBackJudgesExactlyAsTheOriginal() {
        for (int i = 0; i < 1_000; i++) {
            judge(normalError());
        }
        ByteBuffer buffer = ByteBuffer.allocate(baseline.encodedSize());
        baseline.encodeTo(buffer);
        ErrorBaseline copy = ErrorBaseline.decode(buffer.flip(), SETTINGS.shortWindow());

        for (int i = 0; i < 1_000; i++) {
            double error = i % 100 == 0 ? 3 : normalError();
            assertThat(copy.judge(error, MODEL, FLOOR, SETTINGS)).isEqualTo(judge(error));
        }
    }

    @Test
    void aBaselineOfAnotherShortWindowIsNotReadBack() {
        ByteBuffer buffer = ByteBuffer.allocate(baseline.encodedSize());
        baseline.encodeTo(buffer);

        assertThat(ErrorBaseline.decode(buffer.flip(), SETTINGS.shortWindow() + 1)).isNull();
    }

    @Test
    void anotherModelsErrorsStartTheBaselineAgain() {
        for (int i = 0; i < 1_000; i++) {
            judge(normalError());
        }
        assertThat(baseline.judge(normalError(), MODEL + 1, FLOOR, SETTINGS)).isNaN();
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
