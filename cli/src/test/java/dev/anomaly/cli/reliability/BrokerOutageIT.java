package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.FakeSlack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 2: the broker stops for 20 s mid-run and comes back; every tool recovers by itself. */
class BrokerOutageIT {
    private static final int EVENTS = Pipeline.SOAK ? 300_000 : 40_000;
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void generatorDetectorAndAlerterRecoverAndNothingIsLost() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir); FakeSlack slack = FakeSlack.start()) {
            Path models = pipeline.trainModel("model");
            // Simulated time at real-time pace (5 hosts every 5 ms = 1,000 events/s) with short episodes, so the
            // alerter sees many episodes without more of them than one Slack message a second can report.
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "outage-in", "--count", Integer.toString(EVENTS), "--rate", "1000", "--hosts", "5",
                    "--interval", "5ms", "--anomaly-every", "3s", "--anomaly-length", "1s", "--seed", "5",
                    "--timeout", "60s");
            AnomalyProcess detector = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "outage-in", "--anomalies-topic", "outage-anomalies", "--normal-topic", "outage-normal",
                    "--group-id", "outage", "--instance-id", "outage-1", "--model-dir", models.toString(),
                    "--stop-when-idle", "10s");
            AnomalyProcess alerter = pipeline.start(Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl()), "alert",
                    "--bootstrap-server", pipeline.bootstrap(), "--topic", "outage-anomalies", "--group-id",
                    "outage-alerter", "--resolve-after", "10s", "--exit-when-idle", "10s");
            detector.awaitErr("^Detecting anomalies on outage-in", Duration.ofSeconds(90));
            Thread.sleep(10_000);

            pipeline.stopBroker();
            Thread.sleep(OUTAGE.toMillis());
            pipeline.startBroker();

            assertThat(generator.awaitExit(Duration.ofSeconds(300))).as(generator.errLines().toString()).isZero();
            assertThat(detector.awaitExit(Duration.ofSeconds(300))).as(detector.errLines().toString()).isZero();
            assertThat(alerter.awaitExit(Duration.ofSeconds(300))).as(alerter.errLines().toString()).isZero();
            Map<String, Integer> inputs = pipeline.outputsPerEvent("outage-in");
            Map<String, Integer> outputs = pipeline.outputsPerEvent("outage-normal", "outage-anomalies");
            Pipeline.Counts.of("broker outage: generated", EVENTS, inputs, 0).print().assertNothingLostOrDuplicated();
            Pipeline.Counts.of("broker outage: scored", EVENTS, outputs, 0).print().assertNothingLostOrDuplicated();
            Map<String, Integer> anomaliesPerHost = new HashMap<>();
            java.util.List<ConsumerRecord<byte[], byte[]>> anomalies = pipeline.readCommitted("outage-anomalies");
            for (ConsumerRecord<byte[], byte[]> anomaly : anomalies) {
                anomaliesPerHost.merge(Pipeline.eventId(anomaly.value()).split("@")[0], 1, Integer::sum);
            }
            Map<String, Integer> reported = slack.reportedPerHost();
            long uncovered = pipeline.uncovered("outage-alerter", anomalies);
            System.out.printf("[broker outage: alerted] anomalies per host %s, reported in alerts per host %s, "
                    + "%d messages accepted, anomalies not covered by an accepted message (uncommitted): %d%n",
                    anomaliesPerHost, reported, slack.accepted().size(), uncovered);
            // The alerter commits an anomaly only once Slack accepted the message covering it.
            assertThat(uncovered).isZero();
            assertThat(reported.keySet()).containsAll(anomaliesPerHost.keySet());
        }
    }
}
