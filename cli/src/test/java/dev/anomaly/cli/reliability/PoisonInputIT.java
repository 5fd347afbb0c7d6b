package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.KafkaTestCluster;
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
import java.util.Set;
import java.util.HashSet;
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
            Set<String> good = new HashSet<>();
            Map<String, Integer> kinds = produce(pipeline.bootstrap(), good);

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
            Pipeline.Counts counts = Pipeline.Counts.of("poison input", good, scored, deadLetters.size()).print();
            System.out.printf("[poison input] %d kinds sent %s; reasons %s%n", kinds.size(), kinds, reasons);
            counts.assertNothingLostOrDuplicated();
            assertThat(deadLetters).hasSize(BAD);
            assertThat(kinds).hasSizeGreaterThanOrEqualTo(12);
            assertThat(reasons).hasSizeGreaterThanOrEqualTo(10);
            assertThat(outputs).isNotEmpty();
            assertThat(detector.errLines()).anyMatch(line -> line.contains(String.format("%,d dead letters", BAD)));
        }
    }

    /**
     * The records that stopped the detector for good before (each crashed it, and a restart crashed again on
     * the same batch), sent by an independent client into a running detector under load.
     */
    @Test
    void fourHostileRecordsUnderLoadNeitherStopNorStallTheDetector() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir)) {
            Path models = pipeline.trainModel("model");
            AnomalyProcess detector = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "hostile-in", "--normal-topic", "hostile-normal", "--anomalous-topic", "hostile-anomalous",
                    "--anomalies-topic", "hostile-anomalies", "--dead-letter-topic", "hostile-dlq", "--group-id",
                    "hostile", "--model-dir", models.toString(), "--max-poll-records", "500");
            detector.awaitErr("^Detecting anomalies on hostile-in", Duration.ofSeconds(90));
            Set<String> good = new HashSet<>();
            Properties properties = KafkaTestCluster.producerProperties(pipeline.bootstrap());
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            // The 3 MiB record reaches the topic (1 MB limit) only compressed, as it would from a real client.
            properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
            Random random = new Random(5);
            String nanRecord = null;
            try (KafkaProducer<byte[], byte[]> producer =
                         new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 40_000; i++) {
                    String json = SyntheticMetrics.json(i, 10, random);
                    good.add(Pipeline.eventId(bytes(json)));
                    producer.send(new ProducerRecord<>("hostile-in", bytes("web-" + (i % 10 + 1)), bytes(json)));
                    switch (i) {
                        case 5_000 -> producer.send(new ProducerRecord<>("hostile-in", bytes("web-1"), bytes(
                                json.replaceFirst("\"timestamp\":\"[^\"]+\"",
                                        "\"timestamp\":\"+300000000-01-01T00:00:00Z\""))));
                        case 15_000 -> {
                            // A good event with a field the detector adds and NaN elsewhere: its output must be rebuilt.
                            nanRecord = "{\"timestamp\":\"2030-06-01T00:00:00Z\",\"host\":\"web-nan\","
                                    + "\"cpu_usage\":99.0,\"memory_usage\":45.0,\"response_time_ms\":130.0,"
                                    + "\"disk_io_mb\":50.0,\"network_io_mb\":100.0,\"error\":\"disk\",\"note\":NaN}";
                            good.add("web-nan@2030-06-01T00:00:00Z");
                            producer.send(new ProducerRecord<>("hostile-in", bytes("web-nan"), bytes(nanRecord)));
                        }
                        case 25_000 -> producer.send(new ProducerRecord<>("hostile-in", bytes("web-2"),
                                bytes("{\"x\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}")));
                        case 35_000 -> producer.send(withoutTimestamp(new ProducerRecord<>("hostile-in", bytes("web-3"),
                                bytes("not json at all"))));
                        default -> {
                        }
                    }
                }
            }

            // The input is written while it runs: no idle exit (a pause of the producer would end it early); it
            // is stopped once its commits reach the end of the input.
            pipeline.awaitCaughtUp("hostile", "hostile-in", Duration.ofSeconds(300));
            Pipeline.leave(detector);
            Map<String, Integer> routed = pipeline.outputsPerEvent("hostile-normal", "hostile-anomalous");
            Pipeline.Counts counts = Pipeline.Counts.of("hostile records", good, routed, 3).print();
            counts.assertNothingLostOrDuplicated();
            List<ConsumerRecord<byte[], byte[]>> letters = pipeline.readCommitted("hostile-dlq");
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                reasons.put(header(letter, "dlq.source.offset"), header(letter, "dlq.reason")
                        + (letter.headers().lastHeader("dlq.truncated") != null ? " (truncated)" : ""));
            }
            System.out.printf("[hostile records] dead letters %s; detector: %s%n", reasons.values(),
                    detector.errLines().stream().filter(line -> line.startsWith("Processed")).toList());
            assertThat(reasons.values()).containsExactlyInAnyOrder("bad_timestamp", "oversized (truncated)",
                    "not_json");
            assertThat(routed).containsKey("web-nan@2030-06-01T00:00:00Z");
            assertThat(detector.errLines()).noneMatch(line -> line.contains("Batch failed"));
        }
    }

    /** As an old or odd client writes it: CreateTime -1, which the Java producer's API does not let one ask for. */
    private static ProducerRecord<byte[], byte[]> withoutTimestamp(ProducerRecord<byte[], byte[]> record)
            throws ReflectiveOperationException {
        java.lang.reflect.Field timestamp = ProducerRecord.class.getDeclaredField("timestamp");
        timestamp.setAccessible(true);
        timestamp.set(record, -1L);
        return record;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Integer> produce(String bootstrap, Set<String> good) {
        Properties properties = KafkaTestCluster.producerProperties(bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        Map<String, Integer> kinds = new HashMap<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Random random = new Random(11);
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0, bad = 0; i < GOOD; i++) {
                String host = "web-" + (i % 10 + 1);
                String json = SyntheticMetrics.json(i, 10, random);
                good.add(Pipeline.eventId(bytes(json)));
                producer.send(new ProducerRecord<>("poison-in", bytes(host), bytes(json)),
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
