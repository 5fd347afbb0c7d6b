package dev.anomaly.detector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.common.model.Severity;
import dev.anomaly.detector.rules.AlertRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert rules on crafted scored batches (here, in the core package: only it can score a batch by hand).
 * Features: cpu_usage, memory_usage, network_io_mb.
 */
class AlertRulesTest {
    private static final List<String> FEATURES = List.of("cpu_usage", "memory_usage", "network_io_mb");

    @Test
    void anAnomalyStandsOnlyIfTheFeaturesGoingTheAllowedWayExplainHalfOfIt() {
        DetectionBatch batch = anomalies(
                // cpu down, the whole error: suppressed
                row(new double[] {5, 50, 100}, new double[] {30, 50, 100}, 1, 0, 0),
                // cpu up: stands
                row(new double[] {90, 50, 100}, new double[] {30, 50, 100}, 1, 0, 0),
                // cpu down, but memory up explains 60%: stands
                row(new double[] {5, 80, 100}, new double[] {30, 50, 100}, 0.4f, 0.6f, 0),
                // cpu down 60%, network down 40% (both ways count for it): suppressed
                row(new double[] {5, 50, 10}, new double[] {30, 50, 100}, 0.6f, 0, 0.4f));

        AlertRules.parse(List.of("cpu_usage=above", "network_io_mb=both"), List.of()).bind(FEATURES).apply(batch);

        assertThat(outcomes(batch)).containsExactly(Outcome.NORMAL, Outcome.ANOMALY, Outcome.ANOMALY, Outcome.NORMAL);
        assertThat(Suppression.names(batch.suppressedBy(0))).containsExactly("direction");
        assertThat(batch.suppressedBy(1)).isZero();
        assertThat(batch.severity(0)).isEqualTo(Severity.NONE);
        assertThat(batch.severity(1)).isEqualTo(Severity.HIGH);
    }

    @Test
    void aMinimumDeviationIsAnAmountOrAShareOfTheExpectedValue() {
        DetectionBatch batch = anomalies(
                row(new double[] {39, 50, 100}, new double[] {30, 50, 100}, 1, 0, 0),
                row(new double[] {41, 50, 100}, new double[] {30, 50, 100}, 1, 0, 0),
                row(new double[] {30, 50, 140}, new double[] {30, 50, 100}, 0, 0, 1),
                row(new double[] {30, 50, 160}, new double[] {30, 50, 100}, 0, 0, 1));

        AlertRules.parse(List.of(), List.of("cpu_usage=10", "network_io_mb=50%")).bind(FEATURES).apply(batch);

        assertThat(outcomes(batch)).containsExactly(Outcome.NORMAL, Outcome.ANOMALY, Outcome.NORMAL, Outcome.ANOMALY);
        assertThat(Suppression.names(batch.suppressedBy(2))).containsExactly("min_deviation");
    }

    @Test
    void aFeatureWithoutAnExpectedValueCannotBeJudgedAndCounts() {
        DetectionBatch batch = anomalies(row(new double[] {5, 50, 100}, new double[] {Double.NaN, 50, 100}, 1, 0, 0));

        AlertRules.parse(List.of("cpu_usage=above"), List.of()).bind(FEATURES).apply(batch);

        assertThat(batch.outcome(0)).isEqualTo(Outcome.ANOMALY);
    }

    @Test
    void withoutRulesOrForAnotherModelNothingChanges() {
        DetectionBatch batch = anomalies(row(new double[] {5, 50, 100}, new double[] {30, 50, 100}, 1, 0, 0));

        AlertRules.NONE.bind(FEATURES).apply(batch);
        AlertRules.parse(List.of("disk_io_mb=above"), List.of()).bind(FEATURES).apply(batch);

        assertThat(batch.outcome(0)).isEqualTo(Outcome.ANOMALY);
        assertThat(AlertRules.parse(List.of("disk_io_mb=above"), List.of("cpu_usage=1")).unknown(FEATURES))
                .containsExactly("disk_io_mb");
    }

    @Test
    void rulesWrittenWrongAreOneLineErrors() {
        assertThatThrownBy(() -> AlertRules.parse(List.of("cpu_usage=sideways"), List.of()))
                .hasMessage("--direction cpu_usage=sideways: 'sideways' is no direction; use above, below or both");
        assertThatThrownBy(() -> AlertRules.parse(List.of(" =above"), List.of()))
                .hasMessage("--direction takes FEATURE=VALUE, got ' =above'");
        assertThatThrownBy(() -> AlertRules.parse(List.of(), List.of("cpu_usage=NaN")))
                .hasMessageStartingWith("--min-deviation cpu_usage=NaN: a minimum deviation must be a number");
        assertThatThrownBy(() -> AlertRules.parse(List.of(), List.of("cpu_usage=5", "cpu_usage=6")))
                .hasMessage("--min-deviation names cpu_usage twice");
    }

    private record Row(double[] values, double[] expected, float[] shares) {
    }

    private static Row row(double[] values, double[] expected, float... shares) {
        return new Row(values, expected, shares);
    }

    /** One HIGH anomaly per row, as the detector would have scored it. */
    private static DetectionBatch anomalies(Row... rows) {
        DetectionBatch batch = new DetectionBatch(FEATURES.size());
        batch.reset(rows.length);
        for (int i = 0; i < rows.length; i++) {
            int slot = batch.addValid("web-1", 0, 1_000L * i);
            System.arraycopy(rows[i].values(), 0, batch.values(slot), 0, FEATURES.size());
            batch.scored(slot, 3, 1, Double.NaN, Severity.HIGH);
            for (int f = 0; f < FEATURES.size(); f++) {
                batch.share(slot, f, rows[i].shares()[f]);
                batch.expected(slot, f, rows[i].expected()[f]);
            }
        }
        return batch;
    }

    private static List<Outcome> outcomes(DetectionBatch batch) {
        return java.util.stream.IntStream.range(0, batch.size()).mapToObj(batch::outcome).toList();
    }
}
