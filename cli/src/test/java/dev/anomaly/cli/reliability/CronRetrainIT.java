package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.AnomalyProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 5: retraining from cron while detect runs under load: each new bundle is trained while events
 * flow and the stream goes on until the detector has scored with it; a corrupt bundle dropped in between is
 * refused. Driven by what the detector writes, not by the clock, so a slow machine takes longer, not fails.
 */
class CronRetrainIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RETRAININGS = Pipeline.SOAK ? 8 : 3;

    @TempDir
    Path dir;

    @Test
    void noEventIsLostOrScoredByAnIncompleteModelAndACorruptBundleIsRefused() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir)) {
            Path models = pipeline.trainModel("model");
            Path csv = dir.resolve("normal.csv");
            AnomalyProcess normal = AnomalyProcess.run(Duration.ofSeconds(120), "generate", "--count", "3000",
                    "--seed", "1", "--output", csv.toString());
            assertThat(normal.exitCode()).as(normal.errLines().toString()).isZero();
            Set<String> trained = new LinkedHashSet<>(Set.of(version(models)));
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "cron-in", "--rate", "2000", "--hosts", "10", "--seed", "7");
            pipeline.awaitRecords("cron-in", Duration.ofSeconds(120));
            // No --stop-when-idle: a pause of the stream must not end it; the test stops it once it scored all.
            AnomalyProcess detector = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "cron-in", "--anomalies-topic", "cron-anomalies", "--normal-topic", "cron-normal", "--group-id",
                    "cron", "--model-dir", models.toString(), "--reload-interval", "1s");
            detector.awaitErr("^Detecting anomalies on cron-in", Duration.ofSeconds(90));

            try (Pipeline.Follower scored = pipeline.follow("cron-normal")) {
                scored.await(value -> versionOf(value).equals(trained.iterator().next()), Duration.ofSeconds(120),
                        "scored by the first model");
                for (int round = 1; round <= RETRAININGS; round++) {
                    if (round == 2) {
                        Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "{\"format\": 1, \"model\": \"au");
                        Files.move(corrupt, models.resolve("model.json"), StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                        detector.awaitErr("^Refused the new model bundle", Duration.ofSeconds(120));
                    }
                    AnomalyProcess train = AnomalyProcess.run(Duration.ofSeconds(300), "train", "--input",
                            csv.toString(), "--model-dir", models.toString(), "--epochs", "3", "--seed",
                            Integer.toString(round), "--quiet");
                    assertThat(train.exitCode()).as(train.errLines().toString()).isZero();
                    String version = version(models);
                    trained.add(version);
                    scored.await(value -> versionOf(value).equals(version), Duration.ofSeconds(300),
                            "scored by model " + version);
                }
            }
            Pipeline.leave(generator);
            pipeline.awaitCaughtUp("cron", "cron-in", Duration.ofSeconds(300));
            Pipeline.leave(detector);

            Map<String, Integer> outputs = pipeline.outputsPerEvent("cron-normal", "cron-anomalies");
            Map<String, Integer> versions = new HashMap<>();
            for (String topic : new String[] {"cron-normal", "cron-anomalies"}) {
                for (ConsumerRecord<byte[], byte[]> record : pipeline.readCommitted(topic)) {
                    versions.merge(versionOf(record.value()), 1, Integer::sum);
                }
            }
            Pipeline.Counts counts = Pipeline.Counts.of("cron retrain", pipeline.eventIds("cron-in"), outputs, 0)
                    .print();
            System.out.printf("[cron retrain] %d bundles trained, outputs per model version %s%n", trained.size(),
                    versions);
            counts.assertNothingLostOrDuplicated();
            assertThat(versions.keySet()).as("every output names a complete bundle").isSubsetOf(trained);
            assertThat(versions.keySet()).containsAll(trained);
        }
    }

    private static String version(Path models) throws IOException {
        return JSON.readTree(models.resolve("model.json").toFile()).get("version").asText();
    }

    private static String versionOf(byte[] value) {
        try {
            return JSON.readTree(value).path("model_version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
