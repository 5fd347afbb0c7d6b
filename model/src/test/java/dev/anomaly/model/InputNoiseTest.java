package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InputNoiseTest {
    private static final InputNoise NOISE = new InputNoise(0.4, 5, 42);

    @Test
    void theNoiseOfARowDependsOnTheSeedTheStepAndTheRowOnly() {
        assertThat(noisy(NOISE, 3, 17)).containsExactly(noisy(NOISE, 3, 17));
        assertThat(noisy(NOISE, 3, 17)).isNotEqualTo(noisy(NOISE, 3, 18));
        assertThat(noisy(NOISE, 3, 17)).isNotEqualTo(noisy(NOISE, 4, 17));
        assertThat(noisy(NOISE, 3, 17)).isNotEqualTo(noisy(new InputNoise(0.4, 5, 43), 3, 17));
    }

    @Test
    void onlyTheMetricInputsGetNoise() {
        float[] row = noisy(NOISE, 0, 0);

        for (int i = 0; i < 5; i++) {
            assertThat(row[i]).as("metric input %d", i).isNotEqualTo(1f);
        }
        assertThat(row[5]).isEqualTo(1f);
        assertThat(row[6]).isEqualTo(1f);
    }

    @Test
    void theNoiseIsCentredWithTheDeviationAsked() {
        InputNoise noise = new InputNoise(0.4, 3, 7);
        double sum = 0;
        double squares = 0;
        int draws = 0;
        for (int row = 0; row < 20_000; row++) {
            float[] values = new float[3];
            noise.addTo(values, 0, row / 64, row % 64);
            for (float value : values) {
                sum += value;
                squares += value * value;
                draws++;
            }
        }
        double mean = sum / draws;

        assertThat(mean).isBetween(-0.01, 0.01);
        assertThat(Math.sqrt(squares / draws - mean * mean)).isBetween(0.39, 0.41);
    }

    @Test
    void noNoiseLeavesTheRowAsItIs() {
        assertThat(noisy(InputNoise.none(), 5, 5)).containsOnly(1f);
        assertThat(noisy(new InputNoise(0, 5, 1), 5, 5)).containsOnly(1f);
    }

    @Test
    void aDeviationOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new InputNoise(-0.1, 5, 1)).hasMessageContaining("input noise must be 0..");
        assertThatThrownBy(() -> new InputNoise(Double.NaN, 5, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBundleNamesTheNoiseItsAutoencoderWasTrainedWith() {
        assertThat(AutoencoderModel.inputNoise(Map.of(AutoencoderModel.INPUT_NOISE, 0.4))).isEqualTo(0.4);
        assertThat(AutoencoderModel.inputNoise(Map.of())).as("a bundle of an older release").isZero();
        assertThat(AutoencoderModel.inputNoise(Map.of(AutoencoderModel.INPUT_NOISE, "loud"))).isZero();
    }

    /** A row of seven ones (five metrics, two time-of-cycle inputs) with the noise of row {@code row}. */
    private static float[] noisy(InputNoise noise, long step, int row) {
        float[] values = new float[] {1, 1, 1, 1, 1, 1, 1};
        noise.addTo(values, 0, step, row);
        return values;
    }
}
