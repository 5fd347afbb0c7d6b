package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 1: SIGKILL the detector five times during a run; every event still has exactly one output. */
class DetectorKillIT {
    private static final int EVENTS = Pipeline.SOAK ? 1_000_000 : 200_000;
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void everyEventHasExactlyOneRoutedOutputAndEveryAnomalyOneRecord() throws Exception {
        long started = System.nanoTime();
        try (Pipeline pipeline = Pipeline.start(dir)) {
            Path models = pipeline.trainModel("model");
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "kill-in", "--count", Integer.toString(EVENTS), "--rate", "20000", "--hosts", "10",
                    "--seed", "9");
            pipeline.awaitRecords("kill-in", Duration.ofSeconds(120));

            for (int kill = 0; kill < KILLS; kill++) {
                long target = pipeline.committedTotal("kill") + EVENTS / (2 * KILLS);
                AnomalyProcess detector = detect(pipeline, models, "--max-poll-records", "500");
                detector.awaitErr("^Detecting anomalies on kill-in", Duration.ofSeconds(90));
                // Killed by progress, not by the clock: each detector commits its share of the first half of the
                // stream, whatever the machine's speed. Small batches: a transaction every few milliseconds, so
                // SIGKILL lands inside one.
                pipeline.awaitWhileRunning("detector " + kill + " committing offset " + target,
                        Duration.ofSeconds(300), () -> pipeline.committedTotal("kill") >= target);
                detector.kill();
            }
            long killed = System.nanoTime();
            assertThat(pipeline.committedTotal("kill")).as("the last kill lands before the end of the stream")
                    .isLessThan(EVENTS);
            assertThat(generator.awaitExit(Duration.ofSeconds(300))).isZero();
            long generated = System.nanoTime();
            AnomalyProcess last = detect(pipeline, models, "--stop-when-idle", "5s");
            assertThat(last.awaitExit(Duration.ofSeconds(300))).as(last.errLines().toString()).isZero();

            long drained = System.nanoTime();
            Map<String, Integer> routed = pipeline.outputsPerEvent("kill-normal", "kill-anomalous");
            Map<String, Integer> anomalies = pipeline.outputsPerEvent("kill-anomalies");
            Pipeline.Counts counts = Pipeline.Counts.of("detect killed " + KILLS + "x", pipeline.eventIds("kill-in"),
                    routed, 0).print();
            assertThat(counts.sent()).as("events generated").isEqualTo(EVENTS);
            // Where the time goes, so a slow CI run can be read from its log.
            System.out.printf("[detect killed %dx] seconds: kills done %.0f, generator done %.0f, drained %.0f, "
                    + "read %.0f%n", KILLS, (killed - started) / 1e9, (generated - started) / 1e9,
                    (drained - started) / 1e9, (System.nanoTime() - started) / 1e9);
            counts.assertNothingLostOrDuplicated();
            assertThat(anomalies.values()).as("anomaly records per anomalous event").containsOnly(1);
            // Not AssertJ's isSubsetOf: it scans the other collection for each element (minutes for 200,000).
            assertThat(anomalies.keySet().stream().filter(event -> !routed.containsKey(event)).toList())
                    .as("anomalies without a routed output").isEmpty();
            assertThat(pipeline.outputsPerEvent("kill-anomalous")).isEqualTo(anomalies);
            System.out.printf("[detect killed %dx] seconds: checked %.0f%n", KILLS, (System.nanoTime() - started) / 1e9);
        } finally {
            System.out.printf("[detect killed %dx] seconds: pipeline stopped %.0f%n", KILLS,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private static AnomalyProcess detect(Pipeline pipeline, Path models, String... extra) {
        String[] base = {"detect", "--bootstrap-server", pipeline.bootstrap(), "--topic", "kill-in",
            "--anomalies-topic", "kill-anomalies", "--normal-topic", "kill-normal", "--anomalous-topic",
            "kill-anomalous", "--group-id", "kill", "--instance-id", "kill-1", "--model-dir", models.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return pipeline.start(args);
    }
}
