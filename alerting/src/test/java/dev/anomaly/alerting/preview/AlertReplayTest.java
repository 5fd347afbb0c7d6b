package dev.anomaly.alerting.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.FeatureValue;
import dev.anomaly.common.event.Severity;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.alerting.rules.AnomalyRules;
import dev.anomaly.alerting.testing.AnomalyRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AlertReplayTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final GroupingPolicy POLICY = new GroupingPolicy(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Severity.MEDIUM);

    private static AlertReplay.Offer offer(String host, int seconds, int partition, long offset) {
        return new AlertReplay.Offer(AnomalyRecords.anomaly(host, T0.plusSeconds(seconds), 1.5),
                new SourcePosition(partition, offset));
    }

    @Test
    void eachPartitionInItsOrderThePartitionsMergedByEventTime() {
        List<AlertReplay.Offer> read = List.of(offer("a", 10, 0, 1), offer("a", 5, 0, 0), offer("a", 3, 0, 2),
                offer("b", 4, 1, 0), offer("b", 20, 1, 1));

        assertThat(AlertReplay.mergedByEventTime(read)).extracting(offer -> offer.position().toString())
                .as("partition 0 in offset order even where its times go back; partition 1 merged in by time")
                .containsExactly(read.get(3).position().toString(), read.get(1).position().toString(),
                        read.get(0).position().toString(), read.get(2).position().toString(),
                        read.get(4).position().toString());
    }

    @Test
    void firstAlertHeldBackGroupsRepeatAndResolveAsTheGrouperDecides() {
        // one host anomalous every 5 s for a minute: a group per 10 s, a message at most every 30 s
        List<AlertReplay.Offer> read = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            read.add(offer("web-1", 5 * i, 0, i));
        }

        AlertReplay.Result result = AlertReplay.replay(read, POLICY);

        assertThat(result.sent()).extracting(sent -> sent.notification().kind() + "@"
                + Duration.between(T0, sent.notification().at()).toSeconds()).containsExactly(
                "FIRING@10", "REPEAT@40", "REPEAT@70", "RESOLVED@120");
        assertThat(result.groupsHeldBack()).as("the groups closing at 20, 30, 50 and 60 s").isEqualTo(4);
        assertThat(result.sent().get(1).message().text()).contains("web-1");
        assertThat(result.ruledOut()).isZero();
    }

    @Test
    void anomaliesTheRulesRuleOutAreNeitherGroupedNorSentButCounted() {
        // cpu_usage 90 where 40 was expected, the whole error: a rise
        List<AlertReplay.Offer> read = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            read.add(new AlertReplay.Offer(new Anomaly("web-1", T0.plusSeconds(5L * i), Severity.HIGH, 3, 3, 1,
                    List.of(new FeatureValue("cpu_usage", 1, OptionalDouble.of(90), OptionalDouble.of(40))), "v1"),
                    new SourcePosition(0, i)));
        }

        AlertReplay.Result dropsOnly = AlertReplay.replay(read, POLICY,
                new AnomalyRules(AlertRules.parse(List.of("cpu_usage=below"), List.of())));
        AlertReplay.Result risesCount = AlertReplay.replay(read, POLICY,
                new AnomalyRules(AlertRules.parse(List.of("cpu_usage=above"), List.of())));

        assertThat(dropsOnly.ruledOut()).isEqualTo(3);
        assertThat(dropsOnly.sent()).isEmpty();
        assertThat(risesCount.ruledOut()).isZero();
        assertThat(risesCount.sent()).hasSize(2);
    }
}
