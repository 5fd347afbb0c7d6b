package dev.anomaly.cli.reliability;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.FakeSlack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 8: two detectors and two alerters, each pair in one group, under load, while members leave and
 * join: a read_committed reader sees every event scored exactly once, and the Slack stand-in receives every
 * anomaly exactly once.
 */
class GroupChurnIT {
    /** How far the detectors get before the test stops the stream; the churn happens in its first half. */
    private static final int EVENTS = Pipeline.SOAK ? 200_000 : 12_000;

    @TempDir
    Path dir;

    @Test
    void membersLeavingAndJoiningLoseAndRepeatNothing() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir); FakeSlack slack = FakeSlack.start()) {
            Path models = pipeline.trainModel("model");
            // No --count: the stream runs until the test stops it, so every member leaves and joins mid-stream
            // however fast the machine is.
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "churn-in", "--rate", "1000", "--hosts", "6", "--interval", "6ms", "--anomaly-every",
                    "4s", "--anomaly-length", "1s", "--seed", "8");
            pipeline.awaitRecords("churn-in", Duration.ofSeconds(120));
            AnomalyProcess detector1 = detect(pipeline, models, "d1");
            AnomalyProcess detector2 = detect(pipeline, models, "d2");
            pipeline.awaitMembers("churn", Duration.ofSeconds(120), "d1", "d2");
            pipeline.awaitRecords("churn-anomalies", Duration.ofSeconds(120));
            AnomalyProcess alerter1 = alert(pipeline, slack, "a1");
            AnomalyProcess alerter2 = alert(pipeline, slack, "a2");
            pipeline.awaitMembers("churn-alerter", Duration.ofSeconds(120), "a1", "a2");

            awaitScored(pipeline, EVENTS / 5);
            Pipeline.leave(detector2);
            awaitAccepted(pipeline, slack, 3);
            Pipeline.leave(alerter2);
            awaitScored(pipeline, 2 * EVENTS / 5);
            AnomalyProcess detector3 = detect(pipeline, models, "d3");
            AnomalyProcess alerter3 = alert(pipeline, slack, "a3");
            pipeline.awaitMembers("churn", Duration.ofSeconds(120), "d1", "d3");
            pipeline.awaitMembers("churn-alerter", Duration.ofSeconds(120), "a1", "a3");
            awaitScored(pipeline, EVENTS);

            // Stopped in order, each once what it reads is done: the stream, then the detectors once they have
            // scored all of it, then the alerters once Slack accepted every anomaly.
            Pipeline.leave(generator);
            long sent = Pipeline.sent(generator);
            pipeline.awaitCaughtUp("churn", "churn-in", Duration.ofSeconds(600));
            Pipeline.leave(detector1);
            Pipeline.leave(detector3);
            pipeline.awaitReported("churn-alerter", "churn-anomalies", Duration.ofSeconds(600));
            Pipeline.leave(alerter1);
            Pipeline.leave(alerter3);
            Map<String, Integer> inputs = pipeline.outputsPerEvent("churn-in");
            Pipeline.Counts.ofInput("group churn: generated", sent, inputs).print().assertNothingLostOrDuplicated();
            Pipeline.Counts.of("group churn: scored", inputs.keySet(),
                    pipeline.outputsPerEvent("churn-normal", "churn-anomalies"), 0).print()
                    .assertNothingLostOrDuplicated();
            Pipeline.assertSlackReportedEachAnomalyOnce("group churn: alerted", pipeline.perHost("churn-anomalies"),
                    slack.reportedPerHost());
        }
    }

    /** Without --stop-when-idle: members join and leave mid-stream, and the test stops each one. */
    private static AnomalyProcess detect(Pipeline pipeline, Path models, String instance) {
        return pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic", "churn-in",
                "--normal-topic", "churn-normal", "--anomalies-topic", "churn-anomalies", "--group-id", "churn",
                "--instance-id", instance, "--model-dir", models.toString(), "--max-poll-records", "500");
    }

    /** --repeat-interval 0: every group is a message, so Slack's counts show every anomaly once. */
    private static AnomalyProcess alert(Pipeline pipeline, FakeSlack slack, String instance) {
        return pipeline.start(Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl()), "alert", "--bootstrap-server",
                pipeline.bootstrap(), "--topic", "churn-anomalies", "--group-id", "churn-alerter", "--instance-id",
                instance, "--group-wait", "3s", "--repeat-interval", "0s", "--resolve-after", "10s");
    }

    private static void awaitScored(Pipeline pipeline, long offsets) {
        pipeline.awaitWhileRunning("group churn scoring " + offsets + " events", Duration.ofSeconds(300),
                () -> pipeline.committedTotal("churn") >= offsets);
    }

    private static void awaitAccepted(Pipeline pipeline, FakeSlack slack, int messages) {
        pipeline.awaitWhileRunning(messages + " messages accepted by Slack", Duration.ofSeconds(300),
                () -> slack.accepted().size() >= messages);
    }
}
