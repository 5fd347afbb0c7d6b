package dev.anomaly.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.evaluator.cli.EvaluateCommand;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import dev.anomaly.testkit.SyntheticMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class EvaluateTopicsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 2;
    private static final int EVENTS = 600;

    @Test
    void matchesFlaggedEventsToTheirSourceEventsAndScoresTheKnownOverlap(KafkaTestCluster kafka, @TempDir Path dir)
            throws IOException {
        // given 2 hosts x 300 steps with a 6-event cpu spike every 30 steps (20 episodes, 120 events); the last 4
        // events of each spike are flagged (delay 2 events = 10 s), and so is every 50th normal event
        String sourceTopic = KafkaTestCluster.uniqueName("metrics");
        String anomaliesTopic = KafkaTestCluster.uniqueName("anomalies");
        kafka.createTopic(sourceTopic, 3);
        kafka.createTopic(anomaliesTopic, 3);
        long falseAlarms = 0;
        long normalEvents = 0;
        Random random = new Random(4);
        try (Producer<String, byte[]> producer = kafka.producer()) {
            for (int i = 0; i < EVENTS; i++) {
                String event = SyntheticMetrics.json(i, HOSTS, random);
                String host = "web-" + (i % HOSTS + 1);
                producer.send(new ProducerRecord<>(sourceTopic, host, bytes(event)));
                int step = i / HOSTS;
                boolean spike = SyntheticMetrics.isSpike(step);
                normalEvents += spike ? 0 : 1;
                if (spike ? step % 30 >= 26 : i % 50 == 0) {
                    falseAlarms += spike ? 0 : 1;
                    producer.send(new ProducerRecord<>(anomaliesTopic, host, bytes(flagged(event))));
                }
                if (i == 100) {
                    // event 100 (normal, flagged) written twice, as an at-least-once detector may: it counts once
                    producer.send(new ProducerRecord<>(anomaliesTopic, host, bytes(flagged(event))));
                }
            }
            producer.send(new ProducerRecord<>(sourceTopic, "web-1", bytes("not an event")));
            producer.send(new ProducerRecord<>(anomaliesTopic, "web-9", bytes(flagged(
                    "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"host\":\"web-9\",\"label\":null,\"episode\":null}"))));
        }
        abortFlaggingAnUnflaggedNormalEvent(kafka, anomaliesTopic);
        Path report = dir.resolve("report.json");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--bootstrap-server", kafka.bootstrapServers(),
                "--source-topic", sourceTopic, "--anomalies-topic", anomaliesTopic, "--json", report.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Evaluated 600 events from topics " + sourceTopic + " and " + anomaliesTopic,
                "1 unreadable records skipped", "1 flagged events matched no source event");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("events").asLong()).isEqualTo(EVENTS);
        assertThat(json.get("normal_events").asLong()).isEqualTo(normalEvents);
        assertThat(json.get("unreadable_records").asLong()).isEqualTo(1);
        assertThat(json.get("unmatched_flagged").asLong()).isEqualTo(1);
        JsonNode overall = json.get("overall");
        assertThat(overall.get("tp").asLong()).isEqualTo(80);
        assertThat(overall.get("fn").asLong()).isEqualTo(40);
        assertThat(overall.get("fp").asLong()).isEqualTo(falseAlarms);
        JsonNode cpu = json.get("types").get("cpu_spike");
        assertThat(cpu.get("recall").asDouble()).isEqualTo(80 / 120.0);
        assertThat(cpu.get("episodes").asLong()).isEqualTo(20);
        assertThat(cpu.get("episodes_detected").asLong()).isEqualTo(20);
        assertThat(cpu.get("delay_events_mean").asDouble()).isEqualTo(2.0);
        assertThat(cpu.get("delay_seconds_max").asDouble()).isEqualTo(10.0);
        assertThat(result.outLines()).anySatisfy(line -> assertThat(line).startsWith("cpu_spike").contains("2.0 / 2.0"));
    }

    @Test
    void aMissingTopicIsAOneLineFailure(KafkaTestCluster kafka) {
        // given
        String missing = KafkaTestCluster.uniqueName("missing");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--bootstrap-server", kafka.bootstrapServers(),
                "--source-topic", missing, "--timeout", "10s");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("evaluate: topic " + missing + " does not exist");
    }

    @Test
    void anUnreachableBrokerIsAOneLineFailure() {
        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--bootstrap-server", "127.0.0.1:1", "--timeout", "3s");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("evaluate: cannot reach Kafka at 127.0.0.1:1 within 3s "
                + "(is a broker running there? 'anomaly broker' starts one)");
    }

    /** Flags event 2 (web-1 at 5 s, normal, not flagged) in an aborted transaction: read_uncommitted would count it. */
    private static void abortFlaggingAnUnflaggedNormalEvent(KafkaTestCluster kafka, String topic) {
        Properties properties = KafkaTestCluster.producerProperties(kafka.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaTestCluster.uniqueName("aborted"));
        String normal = "{\"timestamp\":\"" + SyntheticMetrics.START.plusSeconds(5)
                + "\",\"host\":\"web-1\",\"label\":null}";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "web-1", bytes(flagged(normal))));
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** The event as the detector writes it to the anomalies topic. */
    private static String flagged(String event) {
        return event.substring(0, event.length() - 1) + ",\"error\":0.42,\"threshold\":0.2,\"confidence\":2.1,"
                + "\"severity\":\"HIGH\",\"is_anomaly\":true,\"contributions\":[{\"feature\":\"cpu_usage\","
                + "\"share\":0.9}],\"model_version\":\"v1\",\"detected_at\":\"2026-05-01T10:00:00Z\"}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
