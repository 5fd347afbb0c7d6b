package dev.anomaly.evaluator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.evaluator.metrics.EvaluationAccumulator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void showsOneAlignedRowPerTypeThenAllAnomaliesThenNormalEvents() {
        // given cpu_spike: 2 episodes caught after 0 and 1 events; memory_leak: 1 episode missed;
        // 2,000 normal events, 3 flagged
        EvaluationAccumulator accumulator = new EvaluationAccumulator();
        add(accumulator, "web-1", "e1", "cpu_spike", 0, true, true, false);
        add(accumulator, "web-2", "e1", "cpu_spike", 0, false, true, true);
        add(accumulator, "web-1", "e2", "memory_leak", 100, false, false);
        for (int i = 0; i < 2000; i++) {
            accumulator.add("web-3", T0.plusSeconds(i), null, null, i % 700 == 0);
        }

        // when
        List<String> lines = ReportTable.lines(accumulator.report());

        // then
        assertThat(lines).containsExactly(
                "type           events  flagged  precision  recall     F1  episodes  detected  delay events mean/median"
                        + "  delay s mean/median/max",
                "cpu_spike           6        4      0.571   0.667  0.615         2         2                 0.5 / 0.5"
                        + "          2.5 / 2.5 / 5.0",
                "memory_leak         2        0      0.000   0.000  0.000         1         0                       n/a"
                        + "                      n/a",
                "all anomalies       8        4      0.571   0.500  0.533         3         2                 0.5 / 0.5"
                        + "          2.5 / 2.5 / 5.0",
                "normal          2,000        3  -> 1.5 false alarms per 1,000 normal events");
    }

    @Test
    void undefinedScoresAreShownAsNotAvailable() {
        // given normal events only, none flagged
        EvaluationAccumulator accumulator = new EvaluationAccumulator();
        accumulator.add("web-1", T0, null, null, false);

        // when
        List<String> lines = ReportTable.lines(accumulator.report());

        // then precision, recall and F1 of "all anomalies" are n/a
        assertThat(lines.get(1)).startsWith("all anomalies").containsPattern("n/a +n/a +n/a");
    }

    @Test
    void eventsNotScoredGetALineOfTheirOwn() {
        // given
        EvaluationAccumulator accumulator = new EvaluationAccumulator();
        accumulator.addNotScored("web-1", T0, null, null);
        accumulator.add("web-1", T0.plusSeconds(5), null, null, false);

        // when
        List<String> lines = ReportTable.lines(accumulator.report());

        // then
        assertThat(lines).last().asString().startsWith("not scored").contains(" 1  (warming up or rejected");
    }

    @Test
    void noNormalEventsMeansNoFalseAlarmRate() {
        // given
        EvaluationAccumulator accumulator = new EvaluationAccumulator();
        accumulator.add("web-1", T0, "cpu_spike", "e1", true);

        // when
        List<String> lines = ReportTable.lines(accumulator.report());

        // then
        assertThat(lines).last().asString().startsWith("normal").endsWith("-> no normal events");
    }

    private static void add(EvaluationAccumulator accumulator, String host, String episode, String label,
                            long startSeconds, boolean... flagged) {
        for (int i = 0; i < flagged.length; i++) {
            accumulator.add(host, T0.plusSeconds(startSeconds + 5L * i), label, episode, flagged[i]);
        }
    }
}
