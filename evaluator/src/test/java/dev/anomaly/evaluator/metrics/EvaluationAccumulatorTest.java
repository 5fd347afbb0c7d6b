package dev.anomaly.evaluator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvaluationAccumulatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final EvaluationAccumulator accumulator = new EvaluationAccumulator();

    @Test
    void overallScoresCountFlaggedAnomalousAndFlaggedNormalEvents() {
        // given 4 anomalous events (3 flagged) and 6 normal ones (1 flagged)
        addEpisode("web-1", "e1", "cpu_spike", 0, true, true, true, false);
        for (int i = 0; i < 6; i++) {
            accumulator.add("web-1", at(100 + i), null, null, i == 0);
        }

        // when
        EvaluationReport report = accumulator.report();

        // then tp=3, fp=1, fn=1
        assertThat(report.overall()).isEqualTo(new EventScores(3, 1, 1));
        assertThat(report.overall().precision()).isEqualTo(0.75);
        assertThat(report.overall().recall()).isEqualTo(0.75);
        assertThat(report.overall().f1()).isEqualTo(0.75);
        assertThat(report.events()).isEqualTo(10);
        assertThat(report.normalEvents()).isEqualTo(6);
    }

    @Test
    void aTypeIsScoredAgainstNormalEventsOnly() {
        // given cpu_spike fully flagged, memory_leak never flagged, one false alarm
        addEpisode("web-1", "e1", "cpu_spike", 0, true, true);
        addEpisode("web-1", "e2", "memory_leak", 10, false, false, false);
        accumulator.add("web-1", at(20), null, null, true);
        accumulator.add("web-1", at(21), null, null, false);

        // when
        EvaluationReport report = accumulator.report();

        // then the unflagged memory_leak events do not lower cpu_spike's precision or recall
        TypeReport cpu = report.type("cpu_spike").orElseThrow();
        assertThat(cpu.scores()).isEqualTo(new EventScores(2, 1, 0));
        assertThat(cpu.scores().precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(cpu.scores().recall()).isEqualTo(1.0);
        assertThat(cpu.scores().f1()).isCloseTo(0.8, within(1e-12));
        TypeReport memory = report.type("memory_leak").orElseThrow();
        assertThat(memory.events()).isEqualTo(3);
        assertThat(memory.flagged()).isZero();
        assertThat(memory.scores().hasPrecision()).isTrue();
        assertThat(memory.scores().precision()).isZero();
    }

    @Test
    void anyNonEmptyLabelIsAType() {
        // given a label the generator does not know
        accumulator.add("db-1", at(0), "disk_full", "db-1-e0", true);

        // when
        EvaluationReport report = accumulator.report();

        // then
        assertThat(report.types()).extracting(TypeReport::type).containsExactly("disk_full");
        assertThat(report.anomalousEvents()).isEqualTo(1);
    }

    @Test
    void blankLabelsAreNormal() {
        // given
        accumulator.add("web-1", at(0), "", "", false);
        accumulator.add("web-1", at(1), "  ", null, true);

        // when
        EvaluationReport report = accumulator.report();

        // then
        assertThat(report.normalEvents()).isEqualTo(2);
        assertThat(report.types()).isEmpty();
        assertThat(report.falseAlarms()).isEqualTo(1);
    }

    @Test
    void scoresWithNothingToDivideByAreZeroAndMarkedUndefined() {
        // given only normal events, none flagged
        accumulator.add("web-1", at(0), null, null, false);

        // when
        EventScores overall = accumulator.report().overall();

        // then
        assertThat(overall.precision()).isZero();
        assertThat(overall.recall()).isZero();
        assertThat(overall.f1()).isZero();
        assertThat(overall.hasPrecision()).isFalse();
        assertThat(overall.hasRecall()).isFalse();
        assertThat(overall.hasF1()).isFalse();
    }

    @Test
    void anEpisodeIsDetectedWhenAnyOfItsEventsIsFlagged() {
        // given one episode caught at its last event, one never caught
        addEpisode("web-1", "e1", "slow_response", 0, false, false, false, true);
        addEpisode("web-2", "e1", "slow_response", 0, false, false);

        // when
        EpisodeStats episodes = accumulator.report().episodes();

        // then
        assertThat(episodes.episodes()).isEqualTo(2);
        assertThat(episodes.detected()).isEqualTo(1);
        assertThat(episodes.recall()).isEqualTo(0.5);
    }

    @Test
    void theDelayIsTheIndexAndSimulatedTimeOfTheFirstFlaggedEvent() {
        // given events every 5 s, the third (index 2) flagged first
        addEpisode("web-1", "e1", "cpu_spike", 0, false, false, true, true, false);

        // when
        EpisodeStats episodes = accumulator.report().type("cpu_spike").orElseThrow().episodes();

        // then
        assertThat(episodes.delayEvents().mean()).isEqualTo(2.0);
        assertThat(episodes.delaySeconds().mean()).isEqualTo(10.0);
        assertThat(episodes.delaySeconds().max()).isEqualTo(10.0);
    }

    @Test
    void delaysAreInTimeOrderEvenWhenEventsArriveOutOfOrder() {
        // given an episode of 4 events (0, 5, 10, 15 s) arriving shuffled; 10 s and 15 s are flagged
        accumulator.add("web-1", at(15), "cpu_spike", "e1", true);
        accumulator.add("web-1", at(0), "cpu_spike", "e1", false);
        accumulator.add("web-1", at(10), "cpu_spike", "e1", true);
        accumulator.add("web-1", at(5), "cpu_spike", "e1", false);

        // when
        EpisodeStats episodes = accumulator.report().episodes();

        // then
        assertThat(episodes.delayEvents().mean()).isEqualTo(2.0);
        assertThat(episodes.delaySeconds().mean()).isEqualTo(10.0);
    }

    @Test
    void episodesOfInterleavedHostsWithTheSameIdAreKeptApart() {
        // given two hosts whose episodes share the id "e0", their events interleaved
        for (int step = 0; step < 3; step++) {
            accumulator.add("web-1", at(5 * step), "cpu_spike", "e0", step == 0);
            accumulator.add("web-2", at(5 * step), "cpu_spike", "e0", step == 2);
        }

        // when
        EpisodeStats episodes = accumulator.report().episodes();

        // then delays 0 and 2 events (0 s and 10 s)
        assertThat(episodes.episodes()).isEqualTo(2);
        assertThat(episodes.delayEvents()).isEqualTo(new DelayStats(2, 1.0, 1.0, 2.0));
        assertThat(episodes.delaySeconds()).isEqualTo(new DelayStats(2, 5.0, 5.0, 10.0));
    }

    @Test
    void undetectedEpisodesHaveNoDelay() {
        // given
        addEpisode("web-1", "e1", "memory_leak", 0, false, false);

        // when
        EpisodeStats episodes = accumulator.report().episodes();

        // then
        assertThat(episodes.delayEvents()).isEqualTo(DelayStats.NONE);
        assertThat(episodes.delaySeconds().isDefined()).isFalse();
    }

    @Test
    void anAnomalousEventWithoutAnEpisodeCountsAtEventLevelOnly() {
        // given
        accumulator.add("web-1", at(0), "cpu_spike", null, true);

        // when
        EvaluationReport report = accumulator.report();

        // then
        assertThat(report.overall().truePositives()).isEqualTo(1);
        assertThat(report.episodes().episodes()).isZero();
    }

    @Test
    void falseAlarmsAreCountedPerThousandNormalEvents() {
        // given 3 of 2,000 normal events flagged
        for (int i = 0; i < 2000; i++) {
            accumulator.add("web-1", at(i), null, null, i % 700 == 0);
        }

        // when
        EvaluationReport report = accumulator.report();

        // then
        assertThat(report.falseAlarms()).isEqualTo(3);
        assertThat(report.falseAlarmsPer1000()).isEqualTo(1.5);
    }

    @Test
    void eventsNotScoredCountAsNotFlagged() {
        // given an anomalous event the detector could not score yet, and a scored flagged one
        accumulator.addNotScored("web-1", at(0), "cpu_spike", "e1");
        accumulator.add("web-1", at(5), "cpu_spike", "e1", true);

        // when
        EvaluationReport report = accumulator.report();

        // then
        assertThat(report.notScored()).isEqualTo(1);
        assertThat(report.overall()).isEqualTo(new EventScores(1, 0, 1));
        assertThat(report.episodes().delayEvents().mean()).isEqualTo(1.0);
    }

    @Test
    void eventsTheRulesSuppressedCountAsNotFlaggedAndApart() {
        // given a suppressed anomalous event, a suppressed normal one and a flagged one
        accumulator.addSuppressed("web-1", at(0), "cpu_spike", "e1");
        accumulator.addSuppressed("web-1", at(5), "", "");
        accumulator.add("web-1", at(10), "cpu_spike", "e1", true);

        // when
        EvaluationReport report = accumulator.report();

        // then
        assertThat(report.suppressed()).isEqualTo(new Suppressed(2, 1));
        assertThat(report.suppressed().normal()).isEqualTo(1);
        assertThat(report.overall()).isEqualTo(new EventScores(1, 0, 1));
        assertThat(report.notScored()).isZero();
    }

    @Test
    void typesAreReportedInLabelOrder() {
        // given
        accumulator.add("web-1", at(0), "slow_response", "a", false);
        accumulator.add("web-1", at(1), "cpu_spike", "b", false);
        accumulator.add("web-1", at(2), "memory_leak", "c", false);

        // when
        EvaluationReport report = accumulator.report();

        // then
        assertThat(report.types()).extracting(TypeReport::type)
                .containsExactly("cpu_spike", "memory_leak", "slow_response");
    }

    /** Events 5 s apart from {@code startSeconds}, flagged as given. */
    private void addEpisode(String host, String episode, String label, long startSeconds, boolean... flagged) {
        for (int i = 0; i < flagged.length; i++) {
            accumulator.add(host, at(startSeconds + 5L * i), label, episode, flagged[i]);
        }
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }
}
