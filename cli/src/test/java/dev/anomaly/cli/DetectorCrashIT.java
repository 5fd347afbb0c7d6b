package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.AnomalyProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exactly-once promise, checked the hard way: SIGKILL the detector while it works, restart it. */
class DetectorCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 100_000;

    @TempDir
    Path dir;

    @Test
    void aKilledAndRestartedDetectorOutputsEveryEventExactlyOnce() throws Exception {
        try (AnomalyProcess broker = AnomalyProcess.start("broker", "--port", "0", "--data-dir",
                dir.resolve("kafka").toString())) {
            String bootstrap = broker.awaitOut("ready at (\\S+)$", Duration.ofSeconds(90)).group(1);
            train(dir.resolve("model"));
            AnomalyProcess generator = AnomalyProcess.start("generate", "--bootstrap-server", bootstrap, "--topic",
                    "crash-in", "--count", Integer.toString(EVENTS), "--rate", "10000", "--hosts", "10", "--seed", "9");

            int kills = 0;
            while (kills < 3) {
                try (AnomalyProcess detector = detect(bootstrap, "--max-poll-records", "500")) {
                    detector.awaitErr("^Detecting anomalies on crash-in", Duration.ofSeconds(60));
                    // Mid-run: small batches, a transaction every few milliseconds, SIGKILL lands inside one.
                    Thread.sleep(2000);
                    assertThat(detector.isAlive()).isTrue();
                    detector.kill();
                    kills++;
                }
            }
            assertThat(generator.awaitExit(Duration.ofSeconds(120))).isZero();
            AnomalyProcess last = detect(bootstrap, "--stop-when-idle", "5s");
            assertThat(last.awaitExit(Duration.ofSeconds(180))).as(last.errLines().toString()).isZero();

            Map<String, Integer> outputs = new HashMap<>();
            int anomalies = 0;
            for (String topic : List.of("crash-anomalies", "crash-normal")) {
                for (ConsumerRecord<String, byte[]> record : readCommitted(bootstrap, topic)) {
                    JsonNode event = JSON.readTree(record.value());
                    outputs.merge(event.get("host").asText() + "@" + event.get("timestamp").asText(), 1, Integer::sum);
                    anomalies += topic.equals("crash-anomalies") ? 1 : 0;
                }
            }
            long duplicated = outputs.values().stream().filter(count -> count > 1).count();
            System.out.printf("crash test: %d events, %d kills, %d distinct outputs, %d anomalies, %d duplicated, "
                    + "%d lost%n", EVENTS, kills, outputs.size(), anomalies, duplicated, EVENTS - outputs.size());
            assertThat(duplicated).as("events with more than one output").isZero();
            assertThat(outputs).as("events with an output").hasSize(EVENTS);
            broker.terminate();
        }
    }

    private void train(Path models) {
        Path csv = dir.resolve("train.csv");
        assertThat(AnomalyProcess.run(Duration.ofSeconds(120), "generate", "--count", "3000", "--seed", "1",
                "--output", csv.toString()).exitCode()).isZero();
        AnomalyProcess train = AnomalyProcess.run(Duration.ofSeconds(300), "train", "--input", csv.toString(),
                "--model-dir", models.toString(), "--epochs", "10", "--quiet");
        assertThat(train.exitCode()).as(train.errLines().toString()).isZero();
    }

    private AnomalyProcess detect(String bootstrap, String... extra) {
        List<String> args = new ArrayList<>(List.of("detect", "--bootstrap-server", bootstrap, "--topic", "crash-in",
                "--anomalies-topic", "crash-anomalies", "--normal-topic", "crash-normal", "--group-id", "crash",
                "--instance-id", "crash-1", "--model-dir", dir.resolve("model").toString()));
        args.addAll(List.of(extra));
        return AnomalyProcess.start(args.toArray(String[]::new));
    }

    private static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
