package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostBaselinesTest {
    /** Fleet: median 50, spread 10 (quartiles 50 ± 0.674 × 10). */
    private static final FeatureBaseline FLEET = baseline(50, 10);
    /** A database host: median 80, spread 2. */
    private static final FeatureBaseline DATABASE = baseline(80, 2);
    private static final Scaler RAW = new Scaler(ScalerKind.STANDARD, new double[] {50}, new double[] {12});
    private static final HostBaselines BASELINES = new HostBaselines(0.002, FLEET, Map.of("db-1", DATABASE), RAW);

    @Test
    void aHostsOwnLevelAndSpreadBecomeTheFleets() {
        double[] target = new double[1];

        BASELINES.normalise(BASELINES.initial("db-1"), BASELINES.floors(), new double[] {82}, target, 0);

        // One of its spreads above its median: one fleet spread above the fleet's.
        assertThat(target[0]).isCloseTo(60, within(1e-9));
    }

    @Test
    void aHostNeverSeenStartsFromTheFleet() {
        double[] target = new double[1];

        BASELINES.normalise(BASELINES.initial("web-9"), BASELINES.floors(), new double[] {82}, target, 0);

        assertThat(target[0]).isCloseTo(82, within(1e-9));
    }

    @Test
    void aVeryQuietHostIsScaledUpTenTimesAtMost() {
        HostBaselines baselines = new HostBaselines(0.002, FLEET, Map.of("flat", baseline(30, 0)), RAW);
        double[] target = new double[1];

        baselines.normalise(baselines.initial("flat"), baselines.floors(), new double[] {31}, target, 0);

        assertThat(target[0]).isCloseTo(60, within(1e-9));
    }

    @Test
    void itsCopiesAreIndependent() {
        FeatureBaseline first = BASELINES.initial("db-1");
        BASELINES.learn(first, BASELINES.floors(), new double[] {1e6});

        assertThat(BASELINES.initial("db-1")).isEqualTo(DATABASE).isNotEqualTo(first);
    }

    static FeatureBaseline baseline(double median, double spread) {
        double half = spread * FeatureBaseline.QUARTILE_SPAN / 2;
        return new FeatureBaseline(new double[] {median}, new double[] {median - half}, new double[] {median + half});
    }
}
