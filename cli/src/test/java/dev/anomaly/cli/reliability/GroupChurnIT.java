package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.FakeSlack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 8: two detectors and two alerters, each pair in one group, under load, while members leave and
 * join: a read_committed reader sees every event scored exactly once, and the Slack stand-in receives every
 * anomaly exactly once.
 */
class GroupChurnIT {
    private static final int EVENTS = Pipeline.SOAK ? 200_000 : 24_000;

    @TempDir
    Path dir;

    @Test
    void membersLeavingAndJoiningLoseAndRepeatNothing() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir); FakeSlack slack = FakeSlack.start()) {
            Path models = pipeline.trainModel("model");
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "churn-in", "--count", Integer.toString(EVENTS), "--rate", "1000", "--hosts", "6",
                    "--interval", "6ms", "--anomaly-every", "4s", "--anomaly-length", "1s", "--seed", "8");
            AnomalyProcess detector1 = detect(pipeline, models, "d1");
            AnomalyProcess detector2 = detect(pipeline, models, "d2");
            AnomalyProcess alerter1 = alert(pipeline, slack, "a1");
            AnomalyProcess alerter2 = alert(pipeline, slack, "a2");

            awaitScored(pipeline, EVENTS / 5);
            WindowTransparencyIT.leave(detector2);
            awaitAccepted(slack, 3);
            WindowTransparencyIT.leave(alerter2);
            awaitScored(pipeline, 2 * EVENTS / 5);
            AnomalyProcess detector3 = detect(pipeline, models, "d3");
            AnomalyProcess alerter3 = alert(pipeline, slack, "a3");
            awaitScored(pipeline, 3 * EVENTS / 5);
            assertThat(pipeline.committedTotal("churn")).as("the churn happens mid-run").isLessThan(EVENTS);

            assertThat(generator.awaitExit(Duration.ofSeconds(300))).isZero();
            for (AnomalyProcess process : new AnomalyProcess[] {detector1, detector3, alerter1, alerter3}) {
                assertThat(process.awaitExit(Duration.ofSeconds(600))).as(process.errLines().toString()).isZero();
            }
            Map<String, Integer> inputs = pipeline.outputsPerEvent("churn-in");
            Pipeline.Counts.ofInput("group churn: generated", EVENTS, inputs).print().assertNothingLostOrDuplicated();
            Pipeline.Counts.of("group churn: scored", inputs.keySet(),
                    pipeline.outputsPerEvent("churn-normal", "churn-anomalies"), 0).print()
                    .assertNothingLostOrDuplicated();
            Pipeline.assertSlackReportedEachAnomalyOnce("group churn: alerted", pipeline.perHost("churn-anomalies"),
                    slack.reportedPerHost());
        }
    }

    private static AnomalyProcess detect(Pipeline pipeline, Path models, String instance) {
        return pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic", "churn-in",
                "--normal-topic", "churn-normal", "--anomalies-topic", "churn-anomalies", "--group-id", "churn",
                "--instance-id", instance, "--model-dir", models.toString(), "--max-poll-records", "500",
                "--stop-when-idle", "8s");
    }

    /** --repeat-interval 0: every group is a message, so Slack's counts show every anomaly once. */
    private static AnomalyProcess alert(Pipeline pipeline, FakeSlack slack, String instance) {
        return pipeline.start(Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl()), "alert", "--bootstrap-server",
                pipeline.bootstrap(), "--topic", "churn-anomalies", "--group-id", "churn-alerter", "--instance-id",
                instance, "--group-wait", "3s", "--repeat-interval", "0s", "--resolve-after", "10s",
                "--exit-when-idle", "10s");
    }

    private static void awaitScored(Pipeline pipeline, long offsets) {
        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200))
                .until(() -> pipeline.committedTotal("churn") >= offsets);
    }

    private static void awaitAccepted(FakeSlack slack, int messages) {
        Awaitility.await().atMost(Duration.ofSeconds(300)).until(() -> slack.accepted().size() >= messages);
    }
}
