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
        assertThat(byType).containsOnlyKeys(AnomalyType.values());
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
