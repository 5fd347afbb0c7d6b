package dev.anomaly.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.FeatureValue;
import dev.anomaly.common.event.Severity;
import dev.anomaly.common.event.HostGlob;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The alerter's judgement of an anomaly record: what detect's judgement of the scored event would be. */
class AnomalyRulesTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /** cpu_usage 20 where 60 was expected (80% of the error), memory_usage 70 where 50 was (20%). */
    private static Anomaly cpuDrop(String host) {
        return new Anomaly(host, AT, Severity.HIGH, 3, 3, 1, List.of(
                new FeatureValue("cpu_usage", 0.8, OptionalDouble.of(20), OptionalDouble.of(60)),
                new FeatureValue("memory_usage", 0.2, OptionalDouble.of(70), OptionalDouble.of(50))), "v1");
    }

    @Test
    void aDropOfTheFeatureThatExplainsMostIsRuledOutByADirectionAbove() {
        AnomalyRules above = new AnomalyRules(AlertRules.parse(List.of("cpu_usage=above"), List.of()));

        assertThat(above.judge(cpuDrop("web-1"))).isEqualTo(Suppression.DIRECTION);
        assertThat(new AnomalyRules(AlertRules.parse(List.of("cpu_usage=below"), List.of())).judge(cpuDrop("web-1")))
                .isZero();
        assertThat(new AnomalyRules(AlertRules.parse(List.of("memory_usage=below"), List.of())).judge(cpuDrop("w")))
                .as("memory explains only 20%: the anomaly stands on cpu").isZero();
    }

    @Test
    void minimumDeviationsAbsoluteAndRelative() {
        assertThat(new AnomalyRules(AlertRules.parse(List.of(), List.of("cpu_usage=41"))).judge(cpuDrop("w")))
                .isEqualTo(Suppression.MIN_DEVIATION);
        assertThat(new AnomalyRules(AlertRules.parse(List.of(), List.of("cpu_usage=40"))).judge(cpuDrop("w")))
                .isZero();
        assertThat(new AnomalyRules(AlertRules.parse(List.of(), List.of("cpu_usage=67%"))).judge(cpuDrop("w")))
                .as("40 is 66.7% of 60").isEqualTo(Suppression.MIN_DEVIATION);
    }

    @Test
    void aFeatureWithoutAnExpectedValueCountsAndNoRuleMeansNoJudgement() {
        Anomaly forest = new Anomaly("web-1", AT, Severity.HIGH, 3, 3, 1, List.of(
                new FeatureValue("cpu_usage", 0.8, OptionalDouble.of(20), OptionalDouble.empty()),
                new FeatureValue("memory_usage", 0.2, OptionalDouble.of(70), OptionalDouble.of(50))), "v1");

        assertThat(new AnomalyRules(AlertRules.parse(List.of("cpu_usage=above"), List.of())).judge(forest)).isZero();
        assertThat(AnomalyRules.NONE.judge(cpuDrop("web-1"))).isZero();
        assertThat(AnomalyRules.NONE.isEmpty()).isTrue();
    }

    @Test
    void aRuleFileEntryRulesTheHostsItMatchesAndItsForIsLeftToDetect() {
        AlertRules rules = AlertRules.parse(List.of("cpu_usage=above"), List.of()).withHosts(List.of(new HostRules(
                new HostGlob("db-*"), AlertRules.NONE.with(Persistence.parse("3")), "rules.yaml entry 1")));
        AnomalyRules judged = new AnomalyRules(rules);

        assertThat(judged.judge(cpuDrop("web-1"))).isEqualTo(Suppression.DIRECTION);
        assertThat(judged.judge(cpuDrop("db-1"))).as("db-* has no direction rule").isZero();
        assertThat(judged.isEmpty()).isFalse();
    }
}
