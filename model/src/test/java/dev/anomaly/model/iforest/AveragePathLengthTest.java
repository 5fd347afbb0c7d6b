package dev.anomaly.model.iforest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AveragePathLengthTest {
    @Test
    void isZeroForNoRowAndOneRow() {
        assertThat(AveragePathLength.of(0)).isZero();
        assertThat(AveragePathLength.of(1)).isZero();
    }

    @Test
    void isOneForTwoRows() {
        assertThat(AveragePathLength.of(2)).isEqualTo(1);
    }

    @Test
    void followsThePapersFormulaAboveTwo() {
        // c(n) = 2H(n − 1) − 2(n − 1)/n with H(i) ≈ ln(i) + 0.5772156649
        assertThat(AveragePathLength.of(3)).isCloseTo(2 * (Math.log(2) + 0.5772156649) - 4.0 / 3, within(1e-9));
        assertThat(AveragePathLength.of(256)).isCloseTo(10.2448, within(1e-4));
    }

    @Test
    void rejectsANegativeCount() {
        assertThatThrownBy(() -> AveragePathLength.of(-1)).hasMessageContaining("0 or more");
    }
}
