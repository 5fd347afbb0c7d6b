package dev.anomaly.detector.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.anomaly.model.FeatureBaseline;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.HostBaselines;
import dev.anomaly.model.Scaler;
import dev.anomaly.model.ScalerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostWindowsTest {
    private static final FeatureSpec SPEC = new FeatureSpec(List.of("a", "b"), 3);
    private static final long MINUTE = 60_000;
    private final double[] window = new double[6];

    @Test
    void aHostNeedsWEventsBeforeItsFirstWindow() {
        HostWindows windows = new HostWindows(SPEC, Duration.ofHours(1));

        assertThat(windows.push(0, "web-1", new double[] {1, 10}, 0, window).windowFull()).isFalse();
        assertThat(windows.push(0, "web-1", new double[] {2, 20}, MINUTE, window).windowFull()).isFalse();
        assertThat(windows.push(0, "web-1", new double[] {3, 30}, 2 * MINUTE, window).windowFull()).isTrue();
        assertThat(window).containsExactly(1, 10, 2, 20, 3, 30);
        assertThat(windows.push(0, "web-1", new double[] {4, 40}, 3 * MINUTE, window).windowFull()).isTrue();
        assertThat(window).containsExactly(2, 20, 3, 30, 4, 40);
    }

    @Test
    void aHostSilentForLongerThanTheIdleTimeoutStartsAgain() {
        HostWindows windows = new HostWindows(SPEC, Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            windows.push(0, "web-1", new double[] {i, i}, i * MINUTE, window);
        }

        assertThat(windows.push(0, "web-1", new double[] {9, 9}, 20 * MINUTE, window).windowFull()).isFalse();
    }

    @Test
    void theOthersTimeAgesAQuietHostButOneSkewedClockAgesNobody() {
        HostWindows windows = new HostWindows(SPEC, Duration.ofMinutes(10));
        windows.push(0, "quiet", new double[] {1, 1}, 0, window);
        windows.push(0, "quiet", new double[] {2, 2}, MINUTE, window);
        windows.push(0, "skewed", new double[] {0, 0}, 1_000 * 365 * 24 * 60 * MINUTE, window);

        assertThat(windows.push(0, "quiet", new double[] {3, 3}, 2 * MINUTE, window).windowFull())
                .as("one host far ahead is not the partition's time").isTrue();

        for (int i = 0; i < 3; i++) {
            windows.push(0, "busy", new double[] {i, i}, (3 + i * 10) * MINUTE, window);
        }
        assertThat(windows.push(0, "quiet", new double[] {4, 4}, 3 * MINUTE, window).windowFull())
                .as("two hosts agree it is 23 minutes later").isFalse();
    }

    @Test
    void memoryFollowsTheActiveHostsNotEveryKeyEverSeen() {
        HostWindows windows = new HostWindows(SPEC, Duration.ofMinutes(10));
        for (int i = 0; i < 100_000; i++) {
            windows.push(0, "host-" + i, new double[] {1, 1}, i * 100L, window);
            if (i % 1_000 == 999) {
                windows.drainChanges((partition, host, state) -> { });
            }
        }

        // 10 minutes of hosts, one every 100 ms, plus what the last batch has not evicted yet.
        assertThat(windows.hosts()).isBetween(6_000, 8_000);
    }

    @Test
    void aRestoreFromTheChangelogScoresTheRestExactlyAsWithoutIt() {
        Random random = new Random(3);
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(new Object[] {"h" + random.nextInt(40), (long) i * 5_000 + random.nextInt(20_000),
                new double[] {random.nextGaussian(), random.nextGaussian()}});
        }
        List<String> clean = run(events, -1, null);
        List<String> restored = run(events, 1_700, null);

        assertThat(restored).isEqualTo(clean);
    }

    @Test
    void likelihoodsAfterARestoreAreThoseOfARunWithoutIt() {
        Random random = new Random(11);
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            double spike = i % 250 == 0 ? 8 : 0;
            events.add(new Object[] {"h" + random.nextInt(5), (long) i * 5_000,
                new double[] {random.nextGaussian() + spike, random.nextGaussian()}});
        }
        LikelihoodSettings likelihood = LikelihoodSettings.of(0.9999, 3);
        List<String> clean = run(events, -1, likelihood);
        List<String> restored = run(events, 2_300, likelihood);

        assertThat(clean).anyMatch(line -> line.endsWith("likelihood 1.0") || line.contains("likelihood 0.9999"));
        assertThat(restored).isEqualTo(clean);
    }

    @Test
    void withWindowsOfOneEventTheBaselinesAloneAreKeptAndRestored() {
        FeatureSpec single = new FeatureSpec(List.of("a", "b"), 1);
        LikelihoodSettings likelihood = LikelihoodSettings.of(0.9999, 1);
        HostWindows windows = new HostWindows(single, Duration.ofMinutes(3), likelihood);
        double[] target = new double[2];
        Random random = new Random(5);
        for (int i = 0; i < 100; i++) {
            windows.push(0, "web-1", new double[] {i, i}, i * 5_000L, target).likelihood(random.nextDouble());
        }
        Map<String, byte[]> changelog = new LinkedHashMap<>();
        windows.drainChanges((partition, host, state) -> changelog.put(host, state));
        HostWindows restored = new HostWindows(single, Duration.ofMinutes(3), likelihood);
        HostWindows.Restorer restorer = restored.restore(0);
        changelog.forEach(restorer::apply);
        restorer.done();

        assertThat(changelog.get("web-1")).as("a baseline, no window").hasSizeLessThan(120);
        for (int i = 100; i < 200; i++) {
            double confidence = i % 10 == 0 ? 5 : random.nextDouble();
            assertThat(restored.push(0, "web-1", new double[] {i, i}, i * 5_000L, target).likelihood(confidence))
                    .isEqualTo(windows.push(0, "web-1", new double[] {i, i}, i * 5_000L, target).likelihood(confidence));
        }
    }

    @Test
    void perHostScalingPutsEachHostOnTheFleetsLevelAndFollowsItAcrossARestore() {
        FeatureSpec single = new FeatureSpec(List.of("a", "b"), 1);
        // Fleet: medians 50 and 0, spreads 10 and 1; db-1 trained at 80 and 0 with spreads 2 and 1.
        HostBaselines scaling = new HostBaselines(0.01, baseline(new double[] {50, 0}, new double[] {10, 1}),
                Map.of("db-1", baseline(new double[] {80, 0}, new double[] {2, 1})),
                new Scaler(ScalerKind.STANDARD, new double[] {50, 0}, new double[] {12, 1}));
        HostWindows windows = new HostWindows(single, Duration.ofMinutes(3), null, scaling);
        double[] target = new double[2];

        assertThat(windows.isStateful()).isTrue();
        HostState db = windows.push(0, "db-1", new double[] {82, 0}, 0, target);
        assertThat(target[0]).as("one of its spreads above its median").isCloseTo(60, within(1e-9));
        assertThat(db.hostScaleOffset(0) + db.hostScaleFactor(0) * target[0]).as("undone: the host's own value")
                .isCloseTo(82, within(1e-9));
        windows.push(0, "web-7", new double[] {82, 0}, 0, target);
        assertThat(target[0]).as("a host never seen is on the fleet's scale").isCloseTo(82, within(1e-9));

        Random random = new Random(7);
        for (int i = 1; i < 500; i++) {
            windows.push(0, "web-7", new double[] {82 + random.nextGaussian(), random.nextGaussian()}, i * 5_000L,
                    target);
        }
        Map<String, byte[]> changelog = new LinkedHashMap<>();
        windows.drainChanges((partition, host, state) -> changelog.put(host, state));
        HostWindows restored = new HostWindows(single, Duration.ofMinutes(3), null, scaling);
        HostWindows.Restorer restorer = restored.restore(0);
        changelog.forEach(restorer::apply);
        restorer.done();
        double[] other = new double[2];
        for (int i = 500; i < 600; i++) {
            double[] event = {82 + random.nextGaussian(), random.nextGaussian()};
            restored.push(0, "web-7", event, i * 5_000L, other);
            windows.push(0, "web-7", event, i * 5_000L, target);
            assertThat(other).containsExactly(target);
        }
        assertThat(Math.abs(target[0] - 50)).as("web-7's level of 82 became the fleet's 50").isLessThan(10);
        assertThat(new HostWindows(single, Duration.ofMinutes(3), null).fits(single, scaling)).isFalse();
        assertThat(windows.fits(single, scaling)).isTrue();
        HostBaselines retrained = new HostBaselines(0.01, baseline(new double[] {52, 0}, new double[] {10, 1}),
                scaling.hosts(), scaling.raw());
        assertThat(windows.fits(single, retrained)).as("another fleet's scale: windows start again").isFalse();
        assertThat(windows.fits(single, null)).isFalse();
    }

    private static FeatureBaseline baseline(double[] medians, double[] spreads) {
        double[] lower = new double[medians.length];
        double[] upper = new double[medians.length];
        for (int f = 0; f < medians.length; f++) {
            lower[f] = medians[f] - 0.6744897501960817 * spreads[f];
            upper[f] = medians[f] + 0.6744897501960817 * spreads[f];
        }
        return new FeatureBaseline(medians, lower, upper);
    }

    @Test
    void aChangelogWrittenBeforeLikelihoodKeepsItsWindowsAndStartsTheBaselines() {
        HostWindows before = new HostWindows(SPEC, Duration.ofMinutes(3));
        for (int i = 0; i < 3; i++) {
            before.push(0, "web-1", new double[] {i, i}, i * MINUTE, window);
        }
        Map<String, byte[]> changelog = new LinkedHashMap<>();
        before.drainChanges((partition, host, state) -> changelog.put(host, state));
        HostWindows after = new HostWindows(SPEC, Duration.ofMinutes(3), LikelihoodSettings.of(0.9999, 1));
        HostWindows.Restorer restorer = after.restore(0);
        changelog.forEach(restorer::apply);
        restorer.done();

        HostState state = after.push(0, "web-1", new double[] {3, 3}, 3 * MINUTE, window);
        assertThat(state.windowFull()).isTrue();
        assertThat(window).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(state.likelihood(0.5)).as("a new baseline warms up").isNaN();
    }

    /**
     * Pushes every event, in batches of 97 whose changes go to a changelog; at event {@code crashAt} the
     * state is lost and, as after a crash, restored from the changelog and the uncommitted batch read again.
     */
    private List<String> run(List<Object[]> events, int crashAt, LikelihoodSettings likelihood) {
        HostWindows windows = new HostWindows(SPEC, Duration.ofMinutes(3), likelihood);
        Map<String, byte[]> changelog = new LinkedHashMap<>();
        List<String> outputs = new ArrayList<>();
        boolean crashed = false;
        for (int i = 0; i < events.size(); i++) {
            if (i == crashAt && !crashed) {
                crashed = true;
                windows = new HostWindows(SPEC, Duration.ofMinutes(3), likelihood);
                HostWindows.Restorer restorer = windows.restore(0);
                changelog.forEach(restorer::apply);
                restorer.done();
                i = i - i % 97;
                outputs.subList(i, outputs.size()).clear();
            }
            Object[] event = events.get(i);
            double[] typical = new double[3 * SPEC.featureCount()];
            HostState pushed = windows.push(0, (String) event[0], (double[]) event[2], (long) event[1], window,
                    typical);
            String output = (pushed.windowFull() ? Arrays.toString(window) : "warming up") + " typical "
                    + Arrays.toString(typical);
            if (pushed.windowFull() && likelihood != null) {
                // A stand-in for the model's error: large when the window holds a spike.
                double error = 0;
                for (double value : window) {
                    error += value * value;
                }
                output += " likelihood " + pushed.likelihood(error);
            }
            outputs.add(output);
            if (i % 97 == 96) {
                windows.drainChanges((partition, host, state) -> {
                    changelog.remove(host);
                    changelog.put(host, state);
                });
            }
        }
        return outputs;
    }

    @Test
    void eachEventIsShownAgainstItsHostsTypicalRangeBeforeIt() {
        FeatureSpec single = new FeatureSpec(List.of("a", "b"), 1);
        HostWindows windows = new HostWindows(single, Duration.ofMinutes(3), LikelihoodSettings.of(0.9999, 1));
        double[] target = new double[2];
        double[] typical = new double[6];

        windows.push(0, "web-1", new double[] {10, 20}, 0, target, typical);
        assertThat(Arrays.stream(typical).allMatch(Double::isNaN)).as("a new host has none").isTrue();
        windows.push(0, "web-1", new double[] {12, 20}, 5_000, target, typical);
        assertThat(typical).as("low, median and high of a, then of b").containsExactly(10, 10, 10, 20, 20, 20);
        windows.push(0, "web-2", new double[] {99, 99}, 5_000, target, typical);
        assertThat(Arrays.stream(typical).allMatch(Double::isNaN)).as("each host its own").isTrue();

        HostWindows stateless = new HostWindows(single, Duration.ofMinutes(3));
        stateless.push(0, "web-1", new double[] {10, 20}, 0, target, typical);
        stateless.push(0, "web-1", new double[] {10, 20}, 5_000, target, typical);
        assertThat(Arrays.stream(typical).allMatch(Double::isNaN)).as("nothing kept, nothing typical").isTrue();
    }
}
