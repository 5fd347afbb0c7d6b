package dev.anomaly.detector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.alerting.rules.Persistence;
import dev.anomaly.alerting.rules.Suppression;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.common.event.Severity;
import dev.anomaly.detector.rules.BoundRules;
import dev.anomaly.detector.state.HostState;
import dev.anomaly.detector.state.HostWindows;
import dev.anomaly.detector.state.TypicalLimits;
import java.time.Duration;
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

        BoundRules.bind(AlertRules.parse(List.of("cpu_usage=above", "network_io_mb=both"), List.of()),
                FEATURES).apply(batch);

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

        BoundRules.bind(AlertRules.parse(List.of(), List.of("cpu_usage=10", "network_io_mb=50%")),
                FEATURES).apply(batch);

        assertThat(outcomes(batch)).containsExactly(Outcome.NORMAL, Outcome.ANOMALY, Outcome.NORMAL, Outcome.ANOMALY);
        assertThat(Suppression.names(batch.suppressedBy(2))).containsExactly("min_deviation");
    }

    @Test
    void aFeatureWithoutAnExpectedValueCannotBeJudgedAndCounts() {
        DetectionBatch batch = anomalies(row(new double[] {5, 50, 100}, new double[] {Double.NaN, 50, 100}, 1, 0, 0));

        BoundRules.bind(AlertRules.parse(List.of("cpu_usage=above"), List.of()), FEATURES).apply(batch);

        assertThat(batch.outcome(0)).isEqualTo(Outcome.ANOMALY);
    }

    @Test
    void withoutRulesOrForAnotherModelNothingChanges() {
        DetectionBatch batch = anomalies(row(new double[] {5, 50, 100}, new double[] {30, 50, 100}, 1, 0, 0));

        BoundRules.bind(AlertRules.NONE, FEATURES).apply(batch);
        BoundRules.bind(AlertRules.parse(List.of("disk_io_mb=above"), List.of()), FEATURES).apply(batch);

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

    @Test
    void forNEventsLetsAnAnomalyStandOnlyOnItsHostsNthInARowAndKeepsTheFirstTime() {
        HostWindows windows = windowsKeepingRuns();
        // web-1: A A n A A A A; web-2, between them: A A A.
        DetectionBatch batch = scored(windows, "web-1:A", "web-2:A", "web-1:A", "web-1:n", "web-2:A", "web-1:A",
                "web-1:A", "web-2:A", "web-1:A", "web-1:A");

        rules("3").apply(batch);

        assertThat(outcomes(batch)).containsExactly(Outcome.NORMAL, Outcome.NORMAL, Outcome.NORMAL, Outcome.NORMAL,
                Outcome.NORMAL, Outcome.NORMAL, Outcome.NORMAL, Outcome.ANOMALY, Outcome.ANOMALY, Outcome.ANOMALY);
        assertThat(Suppression.names(batch.suppressedBy(0))).containsExactly("for");
        assertThat(batch.suppressedBy(3)).as("a normal event is not suppressed").isZero();
        assertThat(batch.anomalousSince(7)).as("web-2 since its first").isEqualTo(batch.time(1));
        assertThat(batch.anomalousSince(8)).as("web-1 since its second run began").isEqualTo(batch.time(5));
        assertThat(batch.anomalousSince(9)).isEqualTo(batch.time(5));
        assertThat(batch.anomalousSince(4)).isEqualTo(DetectionBatch.NO_TIME);
    }

    @Test
    void forADurationCountsEventTimeFromTheFirstAnomalyOfTheRun() {
        // One event a second: with --for 2s the third anomaly in a row (2 s after the first) stands.
        DetectionBatch batch = scored(windowsKeepingRuns(), "web-1:A", "web-1:A", "web-1:A", "web-1:A");

        rules("2s").apply(batch);

        assertThat(outcomes(batch)).containsExactly(Outcome.NORMAL, Outcome.NORMAL, Outcome.ANOMALY, Outcome.ANOMALY);
        assertThat(batch.anomalousSince(2)).isEqualTo(batch.time(0));
    }

    @Test
    void aRunContinuesAcrossBatchesAndARestartFromTheChangelog() {
        HostWindows windows = windowsKeepingRuns();
        DetectionBatch first = scored(windows, "web-1:A", "web-1:A");
        rules("3").apply(first);
        java.util.Map<String, byte[]> changelog = new java.util.HashMap<>();
        windows.drainChanges((partition, host, state) -> changelog.put(host, state));

        HostWindows restarted = windowsKeepingRuns();
        HostWindows.Restorer restorer = restarted.restore(0);
        changelog.forEach(restorer::apply);
        restorer.done();
        DetectionBatch second = scored(restarted, 2, "web-1:A");
        rules("3").apply(second);

        assertThat(outcomes(first)).containsExactly(Outcome.NORMAL, Outcome.NORMAL);
        assertThat(second.outcome(0)).as("the third in a row, after a restart").isEqualTo(Outcome.ANOMALY);
        assertThat(second.anomalousSince(0)).isEqualTo(first.time(0));
    }

    @Test
    void aRunKeptWhileForWasOffDoesNotComeBackWhenItIsOnAgain() {
        HostWindows windows = windowsKeepingRuns();
        rules("3").apply(scored(windows, "web-1:A", "web-1:A"));
        // A while without --for: the run is forgotten, not kept for later.
        rules("1").apply(scored(windows, 2, "web-1:A"));

        DetectionBatch again = scored(windows, 3, "web-1:A");
        rules("3").apply(again);

        assertThat(again.outcome(0)).as("the first of a new run").isEqualTo(Outcome.NORMAL);
        assertThat(Suppression.names(again.suppressedBy(0))).containsExactly("for");
    }

    @Test
    void aLateEventNeitherStartsARunInThePastNorStretchesItsSpan() {
        HostWindows windows = windowsKeepingRuns();
        // The first anomaly is a record 90 s late.
        DetectionBatch batch = scoredAt(windows, new long[] {100_000, 10_000, 101_000}, "web-1:n", "web-1:A", "web-1:A");

        rules("30s").apply(batch);

        assertThat(batch.outcome(2)).as("1 s of the host's time, not 91").isEqualTo(Outcome.NORMAL);
    }

    @Test
    void anAnomalyOtherRulesSuppressEndsTheRun() {
        HostWindows windows = windowsKeepingRuns();
        DetectionBatch batch = scored(windows, "web-1:A", "web-1:A", "web-1:A");
        // The first anomaly is cpu going down, which --direction does not count.
        batch.values(0)[0] = 5;
        batch.perFeature().expected(0, 0, 30);
        batch.perFeature().share(0, 0, 1);

        BoundRules.bind(AlertRules.parse(List.of("cpu_usage=above"), List.of()).with(Persistence.parse("2")), FEATURES)
                .apply(batch);

        assertThat(Suppression.names(batch.suppressedBy(0))).containsExactly("direction");
        assertThat(Suppression.names(batch.suppressedBy(1))).containsExactly("for");
        assertThat(batch.outcome(2)).isEqualTo(Outcome.ANOMALY);
        assertThat(batch.anomalousSince(2)).isEqualTo(batch.time(1));
    }

    @Test
    void forWrittenWrongIsAOneLineError() {
        assertThat(Persistence.parse("3")).isEqualTo(new Persistence(3, 0));
        assertThat(Persistence.parse("30s")).isEqualTo(new Persistence(1, 30_000));
        assertThat(Persistence.parse("1").isNone()).isTrue();
        assertThatThrownBy(() -> Persistence.parse("0")).hasMessageContaining("at least 1 event");
        assertThatThrownBy(() -> Persistence.parse("soon"))
                .hasMessage("--for takes a number of events (3) or a duration (30s), got 'soon'");
        assertThatThrownBy(() -> Persistence.parse("99999999999")).hasMessage("--for 99999999999: too many events");
    }

    private static BoundRules rules(String persistence) {
        return BoundRules.bind(AlertRules.NONE.with(Persistence.parse(persistence)), FEATURES);
    }

    private static HostWindows windowsKeepingRuns() {
        return new HostWindows(new FeatureSpec(FEATURES, 1), Duration.ofHours(1), null, null,
                TypicalLimits.none(FEATURES.size()), true);
    }

    private static DetectionBatch scored(HostWindows windows, String... events) {
        return scored(windows, 0, events);
    }

    private static DetectionBatch scored(HostWindows windows, int firstSecond, String... events) {
        long[] times = new long[events.length];
        for (int i = 0; i < events.length; i++) {
            times[i] = 1_000L * (firstSecond + i);
        }
        return scoredAt(windows, times, events);
    }

    /**
     * Events {@code host:A} (a HIGH anomaly, cpu up from 30 to 90) or {@code host:n} (normal) at {@code times},
     * pushed through {@code windows} and scored as the detector would.
     */
    private static DetectionBatch scoredAt(HostWindows windows, long[] times, String... events) {
        DetectionBatch batch = new DetectionBatch(FEATURES.size());
        batch.reset(events.length);
        for (int i = 0; i < events.length; i++) {
            String[] event = events[i].split(":");
            long time = times[i];
            int slot = batch.addValid(event[0], 0, time);
            double[] values = {event[1].equals("A") ? 90 : 30, 50, 100};
            System.arraycopy(values, 0, batch.values(slot), 0, values.length);
            HostState host = windows.push(0, event[0], values, time, new double[values.length]);
            batch.scored(slot, event[1].equals("A") ? 3 : 0.5, 1, Double.NaN,
                    event[1].equals("A") ? Severity.HIGH : Severity.NONE);
            batch.hostState(slot, host, host.clock());
            for (int f = 0; f < FEATURES.size(); f++) {
                batch.perFeature().share(slot, f, f == 0 ? 1 : 0);
                batch.perFeature().expected(slot, f, f == 0 ? 30 : values[f]);
            }
        }
        return batch;
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
                batch.perFeature().share(slot, f, rows[i].shares()[f]);
                batch.perFeature().expected(slot, f, rows[i].expected()[f]);
            }
        }
        return batch;
    }

    private static List<Outcome> outcomes(DetectionBatch batch) {
        return java.util.stream.IntStream.range(0, batch.size()).mapToObj(batch::outcome).toList();
    }
}
