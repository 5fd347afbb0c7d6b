package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FftTest {
    @Test
    void autocorrelationMatchesTheDirectSum() {
        Random random = new Random(7);
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }

        double[] fast = Fft.autocorrelation(x);

        for (int lag = 0; lag < x.length; lag += 17) {
            double direct = 0;
            for (int i = 0; i + lag < x.length; i++) {
                direct += x[i] * x[i + lag];
            }
            assertThat(fast[lag]).as("lag %d", lag).isCloseTo(direct, within(1e-9));
        }
    }
}
