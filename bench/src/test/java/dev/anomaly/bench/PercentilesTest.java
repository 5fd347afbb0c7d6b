package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    private final long[] oneToThousand = LongStream.rangeClosed(1, 1000).toArray();

    @Test
    void nearestRankOfAThousandValues() {
        assertThat(Percentiles.of(oneToThousand, 50)).isEqualTo(500);
        assertThat(Percentiles.of(oneToThousand, 99)).isEqualTo(990);
        assertThat(Percentiles.of(oneToThousand, 99.9)).isEqualTo(999);
        assertThat(Percentiles.of(oneToThousand, 100)).isEqualTo(1000);
    }

    @Test
    void aSingleValueIsEveryPercentile() {
        assertThat(Percentiles.of(new long[] {7}, 0.1)).isEqualTo(7);
        assertThat(Percentiles.of(new long[] {7}, 99.9)).isEqualTo(7);
    }
}
