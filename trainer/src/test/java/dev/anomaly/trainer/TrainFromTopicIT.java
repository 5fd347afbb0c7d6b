package dev.anomaly.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import dev.anomaly.testkit.SyntheticMetrics;
import dev.anomaly.trainer.cli.TrainCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class TrainFromTopicIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void collectsLiveSamplesFromTheTopicAndWritesABundle(KafkaTestCluster kafka) throws Exception {
        String topic = KafkaTestCluster.uniqueName("metrics");
        kafka.createTopic(topic, 3);
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produceUntilStopped(kafka, topic, producing));

        producer.start();
        Result result;
        try {
            result = CliDriver.run(new TrainCommand(), "--bootstrap-server", kafka.bootstrapServers(), "--topic", topic,
                    "--samples", "300", "--model-dir", dir.resolve("m2").toString(), "--timeout", "60s");
        } finally {
            producing.set(false);
            producer.join();
        }

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(JSON.readTree(dir.resolve("m2/model.json").toFile()).get("samples").asInt()).isEqualTo(300);
    }

    @Test
    void readsTheRetainedHistoryFromEarliest(KafkaTestCluster kafka) throws Exception {
        String topic = KafkaTestCluster.uniqueName("history");
        kafka.createTopic(topic, 1);
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            Random random = new Random(1);
            for (int i = 0; i < 1000; i++) {
                producer.send(new ProducerRecord<>(topic, "web-1",
                        SyntheticMetrics.json(i, 1, random).getBytes(StandardCharsets.UTF_8)));
            }
        }

        Result result = CliDriver.run(new TrainCommand(), "--bootstrap-server", kafka.bootstrapServers(), "--topic",
                topic, "--from", "earliest", "--samples", "500", "--model-dir", dir.resolve("m").toString(),
                "--timeout", "30s", "--epochs", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        // The newest 500 normal events, and the labelled events among them left out.
        assertThat(JSON.readTree(dir.resolve("m/model.json").toFile()).get("samples").asInt()).isEqualTo(500);
        assertThat(JSON.readTree(dir.resolve("m/model.json").toFile()).get("excluded_labelled").asInt()).isPositive();
    }

    @Test
    void withoutAProducerItGivesUpWithExitCodeThree(KafkaTestCluster kafka) {
        String topic = KafkaTestCluster.uniqueName("silent");
        kafka.createTopic(topic, 3);

        Result result = CliDriver.run(new TrainCommand(), "--bootstrap-server", kafka.bootstrapServers(), "--topic",
                topic, "--samples", "300", "--model-dir", dir.resolve("m").toString(), "--timeout", "3s");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.errLines()).containsExactly("train: only 0 of 300 normal samples arrived on " + topic
                + " within 3s (is a producer running? --from earliest uses the retained history)");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    private static void produceUntilStopped(KafkaTestCluster kafka, String topic, AtomicBoolean producing) {
        Random random = new Random(3);
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (int i = 0; producing.get(); i++) {
                byte[] value = SyntheticMetrics.json(i, 5, random).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, "web-" + (i % 5 + 1), value));
                if (i % 100 == 99) {
                    producer.flush();
                    sleep(Duration.ofMillis(20));
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
