package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.AnomalyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 5: a new bundle every 10 s while detect runs under load, and a corrupt one dropped in. */
class CronRetrainIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = Pipeline.SOAK ? 400_000 : 80_000;

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
            Set<String> trained = new HashSet<>(Set.of(version(models)));
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "cron-in", "--count", Integer.toString(EVENTS), "--rate", "2000", "--hosts", "10",
                    "--seed", "7");
            AnomalyProcess detector = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "cron-in", "--anomalies-topic", "cron-anomalies", "--normal-topic", "cron-normal", "--group-id",
                    "cron", "--model-dir", models.toString(), "--reload-interval", "1s", "--stop-when-idle", "10s");
            detector.awaitErr("^Detecting anomalies on cron-in", Duration.ofSeconds(90));

            for (int round = 1; generator.isAlive() && round <= 8; round++) {
                long started = System.nanoTime();
                if (round == 3) {
                    Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "{\"format\": 1, \"model\": \"auto");
                    Files.move(corrupt, models.resolve("model.json"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } else {
                    AnomalyProcess train = AnomalyProcess.run(Duration.ofSeconds(120), "train", "--input",
                            csv.toString(), "--model-dir", models.toString(), "--epochs", "3", "--seed",
                            Integer.toString(round), "--quiet");
                    assertThat(train.exitCode()).as(train.errLines().toString()).isZero();
                    trained.add(version(models));
                }
                Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - started) / 1_000_000));
            }
            assertThat(generator.awaitExit(Duration.ofSeconds(300))).isZero();
            assertThat(detector.awaitExit(Duration.ofSeconds(300))).as(detector.errLines().toString()).isZero();

            Map<String, Integer> outputs = pipeline.outputsPerEvent("cron-normal", "cron-anomalies");
            Map<String, Integer> versions = new HashMap<>();
            for (String topic : new String[] {"cron-normal", "cron-anomalies"}) {
                for (ConsumerRecord<byte[], byte[]> record : pipeline.readCommitted(topic)) {
                    versions.merge(JSON.readTree(record.value()).get("model_version").asText(), 1, Integer::sum);
                }
            }
            Pipeline.Counts counts = Pipeline.Counts.of("cron retrain", EVENTS, outputs, 0).print();
            System.out.printf("[cron retrain] %d bundles trained, outputs per model version %s%n", trained.size(),
                    versions);
            counts.assertNothingLostOrDuplicated();
            assertThat(trained).containsAll(versions.keySet());
            assertThat(versions).hasSizeGreaterThanOrEqualTo(3);
            assertThat(detector.errLines()).anyMatch(line -> line.startsWith("Refused the new model bundle"));
        }
    }

    private static String version(Path models) throws java.io.IOException {
        return JSON.readTree(models.resolve("model.json").toFile()).get("version").asText();
    }
}
