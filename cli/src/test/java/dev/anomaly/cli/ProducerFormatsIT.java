package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.common.event.HostField;
import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records as other producers write them reach the model: the Keras tutorial's kafka-python producer sends
 * {@code json.dumps} of the metrics with a naive {@code datetime.now().isoformat()} timestamp, no key and
 * no host.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProducerFormatsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 1_500;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /** Python's isoformat() of a naive datetime with microseconds. */
    private static final DateTimeFormatter ISOFORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    @TempDir
    Path dir;

    @Test
    void theTutorialsKeylessHostlessRecordsTrainAndAreEveryOneScored(KafkaTestCluster kafka) throws IOException {
        String topic = KafkaTestCluster.uniqueName("tutorial");
        Path generated = dir.resolve("generated.csv");
        run("generate", "--count", Integer.toString(EVENTS), "--seed", "1", "--output", generated.toString());
        produceAsTheTutorialDoes(kafka, topic, generated);
        String bootstrap = kafka.bootstrapServers();

        run("train", "--bootstrap-server", bootstrap, "--topic", topic, "--from", "earliest", "--samples", "1000",
                "--model-dir", dir.resolve("model").toString(), "--epochs", "20", "--quiet");
        run("detect", "--bootstrap-server", bootstrap, "--topic", topic, "--anomalies-topic", topic + ".anomalies",
                "--normal-topic", topic + ".normal", "--dead-letter-topic", topic + ".dlq", "--group-id", topic,
                "--model-dir", dir.resolve("model").toString(), "--stop-when-idle", "5s", "--quiet");

        List<ConsumerRecord<String, byte[]>> anomalies = kafka.readAll(topic + ".anomalies", READ_TIMEOUT);
        List<ConsumerRecord<String, byte[]>> normal = kafka.readAll(topic + ".normal", READ_TIMEOUT);
        assertThat(kafka.readAll(topic + ".dlq", READ_TIMEOUT)).as("dead letters").isEmpty();
        assertThat(anomalies.size() + normal.size()).as("every event scored once").isEqualTo(EVENTS);
        assertThat(anomalies).as("the generator's episodes are flagged").isNotEmpty();
        for (ConsumerRecord<String, byte[]> record : anomalies) {
            JsonNode event = JSON.readTree(record.value());
            assertThat(record.key()).isEqualTo(HostField.DEFAULT_SERIES);
            assertThat(event.get("host").asText()).isEqualTo(HostField.DEFAULT_SERIES);
            assertThat(event.get("timestamp").asText()).as("the producer's own timestamp, kept")
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
            assertThat(event.get("is_anomaly").asBoolean()).isTrue();
        }
    }

    /** One record per generated row, as the tutorial's producer writes it: no key, no host, no label. */
    private static void produceAsTheTutorialDoes(KafkaTestCluster kafka, String topic, Path generated)
            throws IOException {
        List<String> lines = Files.readAllLines(generated);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> metrics = List.of("cpu_usage", "memory_usage", "response_time_ms", "disk_io_mb", "network_io_mb");
        LocalDateTime start = LocalDateTime.of(2026, 12, 3, 9, 15, 0, 123_456_000);
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",", -1);
                List<String> fields = new ArrayList<>();
                fields.add(String.format(Locale.ROOT, "\"timestamp\": \"%s\"",
                        start.plusSeconds(5L * i).format(ISOFORMAT)));
                for (String metric : metrics) {
                    fields.add(String.format(Locale.ROOT, "\"%s\": %s", metric, cells[header.indexOf(metric)]));
                }
                String value = "{" + String.join(", ", fields) + "}";
                producer.send(new ProducerRecord<>(topic, null, value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static void run(String... args) {
        AnomalyProcess process = AnomalyProcess.run(Duration.ofSeconds(300), args);
        assertThat(process.exitCode()).as(String.join(" ", args) + "\n" + String.join("\n", process.errLines()))
                .isZero();
    }
}
