package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalityDetectorTest {
    private static final long START = 1_767_225_600_000L;

    @Test
    void findsTheCyclesOfTheGeneratorsCpuAndMemory() {
        List<TimedSample> samples = cyclic(3, 6000, 5000, 0.2);

        SeasonalityDetector.Result result = SeasonalityDetector.detect(samples, 3);

        assertThat(result.periods()).containsExactly(Duration.ofSeconds(300), Duration.ofSeconds(600));
        assertThat(result.interval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void findsThemDespiteGapsWhereAnomaliesWereLeftOut() {
        List<TimedSample> samples = new ArrayList<>(cyclic(1, 8000, 5000, 0.2));
        // Drop 6 of every 30 events, as excluding the generator's labelled episodes does.
        samples.removeIf(sample -> (sample.epochMillis() - START) / 5000 % 30 >= 24);

        assertThat(SeasonalityDetector.detect(samples, 3).periods())
                .containsExactly(Duration.ofSeconds(300), Duration.ofSeconds(600));
    }

    @Test
    void findsNoCycleInNoise() {
        Random random = new Random(3);
        List<TimedSample> samples = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            samples.add(new TimedSample("h", START + i * 5000L, new double[] {random.nextGaussian()}));
        }

        assertThat(SeasonalityDetector.detect(samples, 1).periods()).isEmpty();
    }

    @Test
    void onlyReportsCyclesTheDataCoversTwice() {
        // 60 events at 5 s span 295 s: less than two 300 s cycles.
        List<TimedSample> samples = cyclic(1, 60, 5000, 0.1);

        SeasonalityDetector.Result result = SeasonalityDetector.detect(samples, 3);

        assertThat(result.periods()).isEmpty();
        assertThat(result.longestSpan()).isEqualTo(Duration.ofSeconds(295));
    }

    @Test
    void needsTimestamps() {
        List<TimedSample> samples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            samples.add(new TimedSample("h", TimedSample.NO_TIME, new double[] {Math.sin(i)}));
        }

        SeasonalityDetector.Result result = SeasonalityDetector.detect(samples, 1);

        assertThat(result.periods()).isEmpty();
        assertThat(result.interval()).isNull();
    }

    /** Feature 0 cycles every 300 s, feature 1 every 600 s, feature 2 is noise. */
    private static List<TimedSample> cyclic(int hosts, int perHost, long stepMillis, double noise) {
        Random random = new Random(1);
        List<TimedSample> samples = new ArrayList<>();
        for (int i = 0; i < perHost; i++) {
            for (int h = 0; h < hosts; h++) {
                long time = START + i * stepMillis;
                double t = (time / 1000.0);
                samples.add(new TimedSample("web-" + h, time, new double[] {
                    Math.sin(2 * Math.PI * t / 300) + noise * random.nextGaussian(),
                    Math.sin(2 * Math.PI * t / 600) + noise * random.nextGaussian(),
                    random.nextGaussian()}));
            }
        }
        return samples;
    }
}
