package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.MalformedRecord;
import dev.anomaly.testkit.SyntheticMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 3: bad records of every kind interleaved with good ones; one detector, never restarted. */
class PoisonInputIT {
    private static final int GOOD = Pipeline.SOAK ? 1_000_000 : 100_000;
    private static final int BAD = GOOD / 10;

    @TempDir
    Path dir;

    @Test
    void everyBadRecordIsADeadLetterWithAReasonAndEveryGoodOneIsScored() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir)) {
            Path models = pipeline.trainModel("model");
            Map<String, Integer> kinds = produce(pipeline.bootstrap());

            AnomalyProcess detector = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "poison-in", "--normal-topic", "poison-normal", "--anomalies-topic", "poison-anomalies",
                    "--dead-letter-topic", "poison-dlq", "--group-id", "poison", "--model-dir", models.toString(),
                    "--stop-when-idle", "5s");

            assertThat(detector.awaitExit(Duration.ofSeconds(300))).as(detector.errLines().toString()).isZero();
            Map<String, Integer> outputs = pipeline.outputsPerEvent("poison-normal", "poison-anomalies");
            List<ConsumerRecord<byte[], byte[]>> deadLetters = pipeline.readCommitted("poison-dlq");
            Map<String, Integer> reasons = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
                Header reason = letter.headers().lastHeader("dlq.reason");
                assertThat(reason).as("dead letter without a reason").isNotNull();
                reasons.merge(new String(reason.value(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
            // Good events also land on the anomalies topic when anomalous: count each event once.
            Map<String, Integer> scored = new HashMap<>(pipeline.outputsPerEvent("poison-normal"));
            pipeline.outputsPerEvent("poison-anomalies").forEach((id, count) -> scored.merge(id, count, Integer::sum));
            Pipeline.Counts counts = Pipeline.Counts.of("poison input", GOOD, scored, deadLetters.size()).print();
            System.out.printf("[poison input] %d kinds sent %s; reasons %s%n", kinds.size(), kinds, reasons);
            counts.assertNothingLostOrDuplicated();
            assertThat(deadLetters).hasSize(BAD);
            assertThat(kinds).hasSizeGreaterThanOrEqualTo(12);
            assertThat(reasons).hasSizeGreaterThanOrEqualTo(10);
            assertThat(outputs).isNotEmpty();
            assertThat(detector.errLines()).anyMatch(line -> line.contains(String.format("%,d dead letters", BAD)));
        }
    }

    private static Map<String, Integer> produce(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        Map<String, Integer> kinds = new HashMap<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Random random = new Random(11);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0, bad = 0; i < GOOD; i++) {
                String host = "web-" + (i % 10 + 1);
                producer.send(new ProducerRecord<>("poison-in", bytes(host), bytes(SyntheticMetrics.json(i, 10, random))),
                        (metadata, error) -> failed.compareAndSet(null, error));
                if (i % 10 == 9 && bad < BAD) {
                    MalformedRecord record = MalformedRecord.of(bad++, host);
                    kinds.merge(record.kind(), 1, Integer::sum);
                    producer.send(new ProducerRecord<>("poison-in", record.key(), record.value()),
                            (metadata, error) -> failed.compareAndSet(null, error));
                }
            }
        }
        assertThat(failed.get()).as("test input not stored").isNull();
        return kinds;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
