package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.FakeSlack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2: the broker stops mid-run for longer than every client timeout (75 s; 5 minutes with
 * {@code -Dsoak=true}) and comes back; every tool waits it out and catches up by itself, nothing is lost or
 * duplicated, and nothing is restarted.
 */
class BrokerOutageIT {
    private static final int EVENTS = Pipeline.SOAK ? 300_000 : 30_000;
    private static final Duration OUTAGE = Pipeline.SOAK ? Duration.ofMinutes(5) : Duration.ofSeconds(75);

    @TempDir
    Path dir;

    @Test
    void generatorDetectorAndAlerterWaitItOutAndNothingIsLost() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir); FakeSlack slack = FakeSlack.start()) {
            Path models = pipeline.trainModel("model");
            // Simulated time at real-time pace (5 hosts every 5 ms = 1,000 events/s) with short episodes, so the
            // alerter sees many episodes without more of them than one Slack message a second can report.
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "outage-in", "--count", Integer.toString(EVENTS), "--rate", "1000", "--hosts", "5",
                    "--interval", "5ms", "--anomaly-every", "3s", "--anomaly-length", "1s", "--seed", "5",
                    "--timeout", "10m");
            AnomalyProcess detector = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "outage-in", "--anomalies-topic", "outage-anomalies", "--normal-topic", "outage-normal",
                    "--group-id", "outage", "--instance-id", "outage-1", "--model-dir", models.toString(),
                    "--stop-when-idle", "6s");
            // --repeat-interval 0: every group is a message, so Slack's own counts show every anomaly once.
            AnomalyProcess alerter = pipeline.start(Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl()), "alert",
                    "--bootstrap-server", pipeline.bootstrap(), "--topic", "outage-anomalies", "--group-id",
                    "outage-alerter", "--instance-id", "alerter-1", "--group-wait", "2s", "--repeat-interval", "0s",
                    "--resolve-after", "5s", "--exit-when-idle", "6s");
            // The outage starts once the pipeline is working end to end: an anomaly reached Slack.
            await().atMost(Duration.ofSeconds(120)).until(() -> !slack.accepted().isEmpty());

            pipeline.stopBroker();
            Thread.sleep(OUTAGE.toMillis()); // the outage itself: its length is the scenario, not a wait
            assertThat(detector.isAlive()).as("detect during the outage").isTrue();
            assertThat(alerter.isAlive()).as("alert during the outage").isTrue();
            pipeline.startBroker();

            assertThat(generator.awaitExit(Duration.ofSeconds(600))).as(generator.errLines().toString()).isZero();
            assertThat(detector.awaitExit(Duration.ofSeconds(600))).as(detector.errLines().toString()).isZero();
            assertThat(alerter.awaitExit(Duration.ofSeconds(600))).as(alerter.errLines().toString()).isZero();
            Map<String, Integer> inputs = pipeline.outputsPerEvent("outage-in");
            Pipeline.Counts.ofInput("broker outage: generated", EVENTS, inputs).print()
                    .assertNothingLostOrDuplicated();
            Pipeline.Counts.of("broker outage: scored", inputs.keySet(),
                    pipeline.outputsPerEvent("outage-normal", "outage-anomalies"), 0).print()
                    .assertNothingLostOrDuplicated();
            Pipeline.assertSlackReportedEachAnomalyOnce("broker outage: alerted", pipeline.perHost("outage-anomalies"),
                    slack.reportedPerHost());
            System.out.printf("[broker outage] %d s without a broker; detector and alerter warnings: %s / %s%n",
                    OUTAGE.toSeconds(), warnings(detector), warnings(alerter));
        }
    }

    private static long warnings(AnomalyProcess process) {
        return process.errLines().stream().filter(line -> line.startsWith("warning:")).count();
    }
}
