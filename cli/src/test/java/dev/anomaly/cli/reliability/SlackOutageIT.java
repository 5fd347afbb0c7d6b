package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.FakeSlack;
import dev.anomaly.testkit.FakeSlack.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 4: Slack fails for 45 s (500s, then 429s, then timeouts) and the alerter is killed meanwhile. */
class SlackOutageIT {
    private static final Duration PHASE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void everyAnomalyIsReportedAfterwardsAndSlackIsNeverHitMoreThanOnceASecond() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir); FakeSlack slack = FakeSlack.start()) {
            slack.script((index, since) -> since.compareTo(PHASE) < 0 ? Answer.serverError()
                    : since.compareTo(PHASE.multipliedBy(2)) < 0 ? Answer.tooManyRequests(2)
                    : since.compareTo(PHASE.multipliedBy(3)) < 0 ? Answer.noAnswer() : Answer.accept());
            Path models = pipeline.trainModel("model");
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "slack-in", "--count", "10000", "--rate", "500", "--hosts", "3", "--interval", "6ms",
                    "--anomaly-every", "3s", "--anomaly-length", "1s", "--seed", "6");
            pipeline.awaitRecords("slack-in", Duration.ofSeconds(120));
            // No --stop-when-idle: a pause of the stream must not end it; the test stops it once it caught up.
            AnomalyProcess detector = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "slack-in", "--anomalies-topic", "slack-anomalies", "--group-id", "slack", "--model-dir",
                    models.toString());
            Map<String, String> webhook = Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl());
            // --repeat-interval 0: every group is a message, so Slack's own counts show every anomaly once. The
            // same --instance-id: the restarted alerter takes the partitions back at once.
            String[] alert = {"alert", "--bootstrap-server", pipeline.bootstrap(), "--topic", "slack-anomalies",
                "--group-id", "slack-alerter", "--instance-id", "alerter-1", "--resolve-after", "5s",
                "--slack-timeout", "2s", "--group-wait", "5s", "--repeat-interval", "0s"};
            pipeline.awaitRecords("slack-anomalies", Duration.ofSeconds(120));
            AnomalyProcess first = pipeline.start(webhook, alert);

            // Killed in the middle of the outage as Slack saw it: once it has answered 429 (20-40 s after the
            // first request), whatever the machine's speed.
            pipeline.awaitWhileRunning("a 429 from Slack", Duration.ofSeconds(150), () -> slack.requests().stream()
                    .anyMatch(request -> request.answer().status() == 429));
            first.kill();
            first.awaitExit(Duration.ofSeconds(30));
            // Started mid-stream and mid-outage: no --exit-when-idle either; stopped once everything is reported.
            AnomalyProcess second = pipeline.start(webhook, alert);

            assertThat(generator.awaitExit(Duration.ofSeconds(180))).as(generator.errLines().toString()).isZero();
            pipeline.awaitCaughtUp("slack", "slack-in", Duration.ofSeconds(300));
            Pipeline.leave(detector);
            pipeline.awaitReported("slack-alerter", "slack-anomalies", Duration.ofSeconds(300));
            Pipeline.leave(second);
            List<ConsumerRecord<byte[], byte[]>> anomalies = pipeline.readCommitted("slack-anomalies");
            List<Duration> gaps = slack.gapsBetweenRequests();
            Duration shortest = gaps.stream().min(Duration::compareTo).orElse(Duration.ZERO);
            System.out.printf("[slack outage] %d anomalies, %d requests (%d accepted), shortest gap %d ms%n",
                    anomalies.size(), slack.requests().size(), slack.accepted().size(), shortest.toMillis());
            assertThat(anomalies).isNotEmpty();
            // Counted from what Slack received: every host's anomalies in accepted messages, each exactly once.
            Pipeline.assertSlackReportedEachAnomalyOnce("slack outage", pipeline.perHost("slack-anomalies"),
                    slack.reportedPerHost());
            assertThat(pipeline.uncovered("slack-alerter", anomalies)).as("uncommitted anomalies").isZero();
            assertThat(slack.requests().stream().anyMatch(request -> request.answer().status() == 500)).isTrue();
            assertThat(slack.requests().stream().anyMatch(request -> request.answer().status() == 429)).isTrue();
            // One message per second per channel, retries included (scheduler jitter of a few ms allowed).
            assertThat(shortest).isGreaterThan(Duration.ofMillis(950));
        }
    }
}
