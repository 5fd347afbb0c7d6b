package dev.anomaly.generator.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.anomaly.common.event.AnomalyType;
import dev.anomaly.common.event.MetricEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricsSimulatorTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theSameSeedGivesTheSameEvents() {
        assertThat(generate(defaults(42), 2000)).isEqualTo(generate(defaults(42), 2000));
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        assertThat(generate(defaults(1), 100)).isNotEqualTo(generate(defaults(2), 100));
    }

    @Test
    void metricsStayInTheirRanges() {
        List<MetricEvent> events = generate(withHosts(5, 3), 20_000);

        assertThat(events).allSatisfy(event -> {
            assertThat(event.cpuUsage()).isBetween(0.0, 100.0);
            assertThat(event.memoryUsage()).isBetween(0.0, 100.0);
            assertThat(event.responseTimeMs()).isGreaterThanOrEqualTo(50.0);
            assertThat(event.diskIoMb()).isGreaterThanOrEqualTo(0.0);
            assertThat(event.networkIoMb()).isGreaterThanOrEqualTo(0.0);
        });
        assertThat(events).filteredOn(event -> event.label() == AnomalyType.MEMORY_LEAK)
                .allSatisfy(event -> assertThat(event.memoryUsage()).isLessThanOrEqualTo(95.0));
    }

    @Test
    void normalBehaviourFollowsTheTutorialsMeans() {
        List<MetricEvent> normal = generate(noAnomalies(7), 12_000);

        assertThat(mean(normal, MetricEvent::cpuUsage)).isCloseTo(25, within(1.0));
        assertThat(mean(normal, MetricEvent::memoryUsage)).isCloseTo(45, within(1.0));
        assertThat(mean(normal, MetricEvent::responseTimeMs)).isCloseTo(135, within(2.0));
        assertThat(mean(normal, MetricEvent::diskIoMb)).isCloseTo(50, within(1.0));
        assertThat(mean(normal, MetricEvent::networkIoMb)).isCloseTo(100, within(2.0));
        assertThat(normal).allSatisfy(event -> assertThat(event.label()).isNull());
    }

    @Test
    void cpuAndMemoryFollowTheirCycles() {
        List<MetricEvent> normal = generate(noAnomalies(3), 12_000);

        // cpu peaks a quarter into its 300 s cycle (+15) and bottoms at three quarters (-15).
        double cpuAtPeak = mean(atPhase(normal, 300, 75), MetricEvent::cpuUsage);
        double cpuAtTrough = mean(atPhase(normal, 300, 225), MetricEvent::cpuUsage);
        double memoryAtPeak = mean(atPhase(normal, 600, 150), MetricEvent::memoryUsage);
        double memoryAtTrough = mean(atPhase(normal, 600, 450), MetricEvent::memoryUsage);

        assertThat(cpuAtPeak - cpuAtTrough).isCloseTo(30, within(2.0));
        assertThat(memoryAtPeak - memoryAtTrough).isCloseTo(20, within(1.5));
    }

    @Test
    void aboutOneEventInFiveIsLabelledWithEveryType() {
        List<MetricEvent> events = generate(defaults(11), 20_000);

        long labelled = events.stream().filter(MetricEvent::isAnomalous).count();
        Map<AnomalyType, Long> byType = events.stream().filter(MetricEvent::isAnomalous)
                .collect(Collectors.groupingBy(MetricEvent::label, Collectors.counting()));

        // 30 s of anomaly after every 120 s of normal time: 30 / 150 = 20 %.
        assertThat(labelled / 20_000.0).isCloseTo(0.20, within(0.01));
        assertThat(byType).containsOnlyKeys(AnomalyType.EPISODES.toArray(AnomalyType[]::new));
        assertThat(byType.values()).allSatisfy(count -> assertThat(count / (double) labelled).isBetween(0.25, 0.42));
    }

    @Test
    void episodesLastThirtySecondsAndComeAfterOneToThreeNormalMinutes() {
        List<MetricEvent> events = generate(defaults(5), 6000);

        Map<String, List<MetricEvent>> episodes = byEpisode(events);
        List<Instant> starts = episodes.values().stream().map(list -> list.get(0).timestamp()).toList();
        List<Long> gaps = new ArrayList<>();
        gaps.add(Duration.between(START, starts.get(0)).toSeconds());
        for (int i = 1; i < starts.size(); i++) {
            gaps.add(Duration.between(starts.get(i - 1).plusSeconds(30), starts.get(i)).toSeconds());
        }

        assertThat(episodes.values()).allSatisfy(list -> {
            assertThat(list).hasSize(6);
            assertThat(list).extracting(MetricEvent::label).containsOnly(list.get(0).label());
            assertThat(Duration.between(list.get(0).timestamp(), list.get(5).timestamp())).hasSeconds(25);
        });
        // Normal spans vary from 60 s to 180 s (half to one and a half times 2 minutes), 120 s on average.
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(55L, 185L));
        assertThat(gaps.stream().mapToLong(Long::longValue).average().orElseThrow()).isCloseTo(120, within(8.0));
    }

    @Test
    void episodesAreNotLockedToThePhaseOfTheCycles() {
        List<MetricEvent> events = generate(defaults(6), 20_000);

        // Every 30 s slice of the 600 s memory cycle sees episodes, so normal data covers the whole cycle too.
        long[] perSlice = new long[20];
        events.stream().filter(MetricEvent::isAnomalous)
                .forEach(event -> perSlice[(int) (event.timestamp().getEpochSecond() % 600 / 30)]++);
        assertThat(perSlice).doesNotContain(0L);
    }

    @Test
    void anomaliesMoveTheirMetric() {
        List<MetricEvent> events = generate(defaults(9), 30_000);
        List<MetricEvent> normal = events.stream().filter(event -> !event.isAnomalous()).toList();

        assertThat(mean(labelled(events, AnomalyType.SLOW_RESPONSE), MetricEvent::responseTimeMs))
                .isGreaterThan(3 * mean(normal, MetricEvent::responseTimeMs));
        assertThat(mean(labelled(events, AnomalyType.CPU_SPIKE), MetricEvent::cpuUsage))
                .isGreaterThan(mean(normal, MetricEvent::cpuUsage) + 25);
        // The ramp climbs by up to +60 over the episode (capped at 95): each leak ends well above where it began.
        List<Double> rises = byEpisode(labelled(events, AnomalyType.MEMORY_LEAK)).values().stream()
                .map(leak -> leak.get(5).memoryUsage() - leak.get(0).memoryUsage()).toList();
        assertThat(rises).allSatisfy(rise -> assertThat(rise).isGreaterThan(15));
        assertThat(rises.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).isGreaterThan(35);
    }

    @Test
    void onlyTheChosenTypesAreInjected() {
        SimulationSettings settings = new SimulationSettings(2, Duration.ofSeconds(5), START, 4,
                Duration.ofMinutes(1), Duration.ofSeconds(20), List.of(AnomalyType.SLOW_RESPONSE));

        assertThat(generate(settings, 5000)).filteredOn(MetricEvent::isAnomalous)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.label()).isEqualTo(AnomalyType.SLOW_RESPONSE));
    }

    @Test
    void hostsTakeTurnsAndMisbehaveAtDifferentTimes() {
        List<MetricEvent> events = generate(withHosts(3, 8), 3000);

        assertThat(events.subList(0, 6)).extracting(MetricEvent::host)
                .containsExactly("web-1", "web-2", "web-3", "web-1", "web-2", "web-3");
        assertThat(events.get(3).timestamp()).isEqualTo(START.plusSeconds(5));
        Map<String, Instant> firstEpisode = new LinkedHashMap<>();
        events.stream().filter(MetricEvent::isAnomalous)
                .forEach(event -> firstEpisode.putIfAbsent(event.host(), event.timestamp()));
        assertThat(firstEpisode.values()).doesNotHaveDuplicates();
    }

    @Test
    void changesLeaveTheBehaviourAndTheEpisodesOfTheSeedAsTheyWere() {
        List<MetricEvent> plain = generate(defaults(12), 3000);
        List<MetricEvent> flat = generate(withChanges(12, new Changes(Duration.ZERO, Duration.ZERO,
                Duration.ofMinutes(1), 0, 0, 0)), 3000);
        List<MetricEvent> cycled = generate(withChanges(12, new Changes(Duration.ZERO, Duration.ZERO,
                Duration.ofMinutes(1), 0, 10, 0)), 3000);

        assertThat(flat).isEqualTo(plain);
        assertThat(cycled).extracting(MetricEvent::label).isEqualTo(plain.stream().map(MetricEvent::label).toList());
        assertThat(cycled).extracting(MetricEvent::responseTimeMs)
                .isEqualTo(plain.stream().map(MetricEvent::responseTimeMs).toList());
    }

    @Test
    void aLevelShiftIsLabelledForItsFirstMinuteAndThenIsTheNewNormal() {
        // One shift per host every ~50 h: the first comes after 25 to 75 h, within the 100 h generated.
        SimulationSettings settings = new SimulationSettings(1, Duration.ofSeconds(60), START, 3, Duration.ZERO,
                Duration.ofSeconds(30), List.of(), new Changes(Duration.ofHours(50), Duration.ZERO,
                Duration.ofMinutes(5), 0, 0, 0));

        List<MetricEvent> events = generate(settings, 6000);

        List<MetricEvent> shifted = labelled(events, AnomalyType.LEVEL_SHIFT);
        assertThat(shifted).hasSizeBetween(5, 10);
        assertThat(byEpisode(shifted)).allSatisfy((episode, list) -> assertThat(list).hasSize(5));
        int first = events.indexOf(shifted.get(0));
        List<MetricEvent> before = events.subList(Math.max(0, first - 600), first);
        List<MetricEvent> after = events.subList(first + 5, Math.min(events.size(), first + 605)).stream()
                .filter(event -> event.label() == null).toList();
        double[] moves = {
            mean(after, MetricEvent::cpuUsage) - mean(before, MetricEvent::cpuUsage),
            mean(after, MetricEvent::memoryUsage) - mean(before, MetricEvent::memoryUsage),
            mean(after, MetricEvent::responseTimeMs) - mean(before, MetricEvent::responseTimeMs),
            mean(after, MetricEvent::diskIoMb) - mean(before, MetricEvent::diskIoMb),
            mean(after, MetricEvent::networkIoMb) - mean(before, MetricEvent::networkIoMb)};
        double[] sd = HostChanges.NOISE_SD;
        long movedFeatures = java.util.stream.IntStream.range(0, 5).filter(f -> Math.abs(moves[f]) > 2 * sd[f])
                .count();
        assertThat(movedFeatures).as("features moved by over two standard deviations: %s",
                java.util.Arrays.toString(moves)).isEqualTo(1);
    }

    @Test
    void aNoiseChangeWidensOneFeature() {
        SimulationSettings settings = new SimulationSettings(1, Duration.ofSeconds(60), START, 4, Duration.ZERO,
                Duration.ofSeconds(30), List.of(), new Changes(Duration.ZERO, Duration.ofHours(50),
                Duration.ofMinutes(1), 0, 0, 0));

        List<MetricEvent> events = generate(settings, 3000);

        List<MetricEvent> changed = labelled(events, AnomalyType.NOISE_CHANGE);
        assertThat(changed).hasSize(1);
        int at = events.indexOf(changed.get(0));
        List<MetricEvent> before = events.subList(0, at);
        List<MetricEvent> after = events.subList(at, Math.min(events.size(), at + 1000));
        double widest = java.util.stream.Stream.<java.util.function.ToDoubleFunction<MetricEvent>>of(
                        MetricEvent::diskIoMb, MetricEvent::networkIoMb, MetricEvent::responseTimeMs)
                .mapToDouble(metric -> sd(after, metric) / sd(before, metric)).max().orElseThrow();
        double cyclic = Math.max(sd(after, MetricEvent::cpuUsage) / sd(before, MetricEvent::cpuUsage),
                sd(after, MetricEvent::memoryUsage) / sd(before, MetricEvent::memoryUsage));
        assertThat(Math.max(widest, cyclic)).as("the widened feature's spread, after / before").isGreaterThan(1.2);
        assertThat(events.subList(at + 1, events.size())).allSatisfy(event -> assertThat(event.label()).isNull());
    }

    @Test
    void aTrendAndADailyCycleMoveCpuAndAreNormal() {
        SimulationSettings settings = new SimulationSettings(1, Duration.ofSeconds(60), START, 5, Duration.ZERO,
                Duration.ofSeconds(30), List.of(), new Changes(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1),
                1, 20, 0));

        List<MetricEvent> events = generate(settings, 2880);

        // Day 2 is 24 points above day 1 by the trend; 06:00 is 40 points above 18:00 by the cycle (±20).
        double day1 = mean(events.subList(0, 1440), MetricEvent::cpuUsage);
        double day2 = mean(events.subList(1440, 2880), MetricEvent::cpuUsage);
        assertThat(day2 - day1).isCloseTo(24, within(3.0));
        double morning = mean(events.subList(330, 390), MetricEvent::cpuUsage);
        double evening = mean(events.subList(1050, 1110), MetricEvent::cpuUsage);
        assertThat(morning - evening).isCloseTo(40 - 12, within(5.0));
        assertThat(events).allSatisfy(event -> assertThat(event.label()).isNull());
    }

    @Test
    void aChangeIsNoEpisodeType() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new SimulationSettings(1,
                Duration.ofSeconds(5), START, 1, Duration.ofMinutes(1), Duration.ofSeconds(30),
                List.of(AnomalyType.LEVEL_SHIFT)))).hasMessageContaining("level_shift is a lasting change");
    }

    private static SimulationSettings withChanges(long seed, Changes changes) {
        SimulationSettings base = defaults(seed);
        return new SimulationSettings(1, base.interval(), START, seed, base.anomalyEvery(), base.anomalyLength(),
                base.anomalyTypes(), changes);
    }

    private static double sd(List<MetricEvent> events, java.util.function.ToDoubleFunction<MetricEvent> metric) {
        double mean = mean(events, metric);
        return Math.sqrt(events.stream().mapToDouble(metric).map(value -> (value - mean) * (value - mean))
                .average().orElseThrow());
    }

    private static SimulationSettings defaults(long seed) {
        return SimulationSettings.defaults(START, seed);
    }

    private static SimulationSettings withHosts(int hosts, long seed) {
        SimulationSettings base = defaults(seed);
        return new SimulationSettings(hosts, base.interval(), START, seed, base.anomalyEvery(),
                base.anomalyLength(), base.anomalyTypes());
    }

    private static SimulationSettings noAnomalies(long seed) {
        SimulationSettings base = defaults(seed);
        return new SimulationSettings(1, base.interval(), START, seed, Duration.ZERO, base.anomalyLength(),
                List.of());
    }

    private static List<MetricEvent> generate(SimulationSettings settings, int count) {
        MetricsSimulator simulator = new MetricsSimulator(settings);
        List<MetricEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(simulator.next());
        }
        return events;
    }

    private static List<MetricEvent> labelled(List<MetricEvent> events, AnomalyType type) {
        return events.stream().filter(event -> event.label() == type).toList();
    }

    private static Map<String, List<MetricEvent>> byEpisode(List<MetricEvent> events) {
        return events.stream().filter(MetricEvent::isAnomalous)
                .collect(Collectors.groupingBy(MetricEvent::episode, LinkedHashMap::new, Collectors.toList()));
    }

    private static List<MetricEvent> atPhase(List<MetricEvent> events, long periodSeconds, long secondsIntoCycle) {
        return events.stream()
                .filter(event -> event.timestamp().getEpochSecond() % periodSeconds == secondsIntoCycle)
                .toList();
    }

    private static double mean(List<MetricEvent> events, java.util.function.ToDoubleFunction<MetricEvent> metric) {
        return events.stream().mapToDouble(metric).average().orElseThrow();
    }
}
