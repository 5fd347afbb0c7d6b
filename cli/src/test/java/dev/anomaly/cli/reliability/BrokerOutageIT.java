package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.FakeSlack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2: the broker stops mid-run for longer than every client timeout (75 s; 5 minutes with
 * {@code -Dsoak=true}) and comes back; every tool waits it out and catches up by itself, nothing is lost or
 * duplicated, and nothing is restarted.
 *
 * <p>Runs beside the other classes (see the module's failsafe settings): most of its time is the outage itself.
 */
@Execution(ExecutionMode.CONCURRENT)
class BrokerOutageIT {
    private static final Duration OUTAGE = Pipeline.SOAK ? Duration.ofMinutes(5) : Duration.ofSeconds(75);

    @TempDir
    Path dir;

    @Test
    void generatorDetectorAndAlerterWaitItOutAndNothingIsLost() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir); FakeSlack slack = FakeSlack.start()) {
            Path models = pipeline.trainModel("model");
            // Simulated time at real-time pace (5 hosts every 25 ms = 200 events/s) with short episodes, so the
            // alerter sees many episodes without more of them than one Slack message a second can report. No
            // --count: the stream goes on through the outage until the test has seen the pipeline recover.
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "outage-in", "--rate", "200", "--hosts", "5", "--interval", "25ms",
                    "--anomaly-every", "3s", "--anomaly-length", "1s", "--seed", "5", "--timeout", "10m");
            pipeline.awaitRecords("outage-in", Duration.ofSeconds(120));
            // No --stop-when-idle: started mid-stream, it must not leave on a pause; the test stops it once it
            // has caught up.
            AnomalyProcess detector = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "outage-in", "--anomalies-topic", "outage-anomalies", "--normal-topic", "outage-normal",
                    "--group-id", "outage", "--instance-id", "outage-1", "--model-dir", models.toString());
            pipeline.awaitRecords("outage-anomalies", Duration.ofSeconds(120));
            // --repeat-interval 0: every group is a message, so Slack's own counts show every anomaly once.
            AnomalyProcess alerter = pipeline.start(Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl()), "alert",
                    "--bootstrap-server", pipeline.bootstrap(), "--topic", "outage-anomalies", "--group-id",
                    "outage-alerter", "--instance-id", "alerter-1", "--group-wait", "2s", "--repeat-interval", "0s",
                    "--resolve-after", "5s");
            // The outage starts once the pipeline is working end to end: an anomaly reached Slack.
            pipeline.awaitWhileRunning("an anomaly accepted by Slack", Duration.ofSeconds(120),
                    () -> !slack.accepted().isEmpty());

            long before = pipeline.endOffsetTotal("outage-in");
            pipeline.stopBroker();
            Thread.sleep(OUTAGE.toMillis()); // the outage itself: its length is the scenario, not a wait
            assertThat(detector.isAlive()).as("detect during the outage").isTrue();
            assertThat(alerter.isAlive()).as("alert during the outage").isTrue();
            pipeline.startBroker();
            // Recovered: the detector scored 2,000 events beyond what the topic held when the broker stopped.
            pipeline.awaitWhileRunning("scoring after the outage", Duration.ofSeconds(600),
                    () -> pipeline.committedTotal("outage") >= before + 2_000);

            Pipeline.leave(generator);
            long sent = Pipeline.sent(generator);
            pipeline.awaitCaughtUp("outage", "outage-in", Duration.ofSeconds(600));
            Pipeline.leave(detector);
            pipeline.awaitReported("outage-alerter", "outage-anomalies", Duration.ofSeconds(600));
            Pipeline.leave(alerter);
            // How the detector saw the outage, for the record (its warnings are throttled to one per 10 s).
            detector.errLines().stream().filter(line -> line.startsWith("warning")).forEach(line ->
                    System.out.println("[broker outage: detect] " + line));
            pipeline.printDuplicates("outage-normal", "outage-anomalies");
            Map<String, Integer> inputs = pipeline.outputsPerEvent("outage-in");
            Pipeline.Counts.ofInput("broker outage: generated", sent, inputs).print()
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
