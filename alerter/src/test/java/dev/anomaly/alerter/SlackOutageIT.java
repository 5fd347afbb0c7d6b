package dev.anomaly.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.alerter.cli.AlertCommand;
import dev.anomaly.alerter.testing.Anomalies;
import dev.anomaly.alerter.testing.Anomalies.Item;
import dev.anomaly.testkit.FakeSlack;
import dev.anomaly.testkit.FakeSlack.Answer;
import dev.anomaly.alerter.testing.GroupOffsets;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Acceptance: Slack answers 500 for 60 s, then 429 with Retry-After: 2, then 200. */
@ExtendWith(KafkaBrokerExtension.class)
class SlackOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private final FakeSlack slack = FakeSlack.start();

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void afterAMinuteOf500sAndA429EveryAnomalyIsReportedAtOneAttemptPerSecondAtMost(KafkaTestCluster kafka) {
        String topic = KafkaTestCluster.uniqueName("anomalies");
        kafka.createTopic(topic, 3);
        List<Item> items = new ArrayList<>();
        Map<String, Integer> produced = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            String host = "web-" + (i % 3 + 1);
            items.add(Item.of(host, T0.plusMillis(i * 50L), 1.1 + i % 30 / 10.0));
            produced.merge(host, 1, Integer::sum);
        }
        Anomalies.produce(kafka, topic, items);
        AtomicInteger rateLimited = new AtomicInteger(-1);
        slack.script((index, since) -> {
            if (since.compareTo(OUTAGE) < 0) {
                return Answer.serverError();
            }
            return rateLimited.compareAndSet(-1, index) ? Answer.tooManyRequests(2) : Answer.accept();
        });
        String group = KafkaTestCluster.uniqueName("alerter");

        Result result = CliDriver.run(new AlertCommand(Map.of(AlertCommand.WEBHOOK_ENV, slack.webhookUrl())),
                "--bootstrap-server", kafka.bootstrapServers(), "--topic", topic, "--group-id", group,
                "--group-wait", "10s", "--resolve-after", "2s", "--exit-when-idle", "1s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(slack.reportedPerHost()).isEqualTo(produced);
        assertThat(slack.gapsBetweenRequests()).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        int afterRateLimit = rateLimited.get() + 1;
        assertThat(slack.gapsBetweenRequests().get(afterRateLimit - 1)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(slack.requests().get(afterRateLimit).accepted()).isTrue();
        assertThat(GroupOffsets.committed(kafka, group, topic).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(200);
        assertThat(result.err()).contains("retries; 0 groups suppressed").containsPattern("with [1-9]\\d* retries");
    }
}
