package dev.anomaly.detector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.anomaly.common.event.ScoredFields;
import dev.anomaly.common.time.Timestamps;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelStore;
import dev.anomaly.testkit.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Fuzzes the decode → score → encode path with records as hostile as Kafka lets them be: broken and odd
 * JSON, NaN and Infinity anywhere, timestamps Java cannot hold, keys and values of any bytes and size,
 * records without a timestamp. Whatever comes in, nothing escapes, every record has its outputs or one dead
 * letter, every output is strict JSON with a host and a timestamp that the alerter can read, and every
 * record sent fits its topic. Tries: {@code jqwik.tries.default} (2,000 on every build, 300,000 with
 * {@code -Dsoak=true}).
 */
class DetectionStepFuzzTest {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int LIMIT = 1_048_588;
    private static final StreamSettings SETTINGS = StreamSettings.builder().inputTopic("in").anomaliesTopic("anomalies")
            .normalTopic("normal").anomalousTopic("anomalous").deadLetterTopic("dlq").stateTopic("state")
            .maxRecordBytes(100 * 1024).build();
    private static final String[] FEATURES = {"cpu_usage", "memory_usage", "response_time_ms", "disk_io_mb",
        "network_io_mb"};
    private static Path dir;
    private static ModelContext single;
    private static ModelContext windowed;

    @BeforeContainer
    static void trainModels() throws IOException {
        dir = Files.createTempDirectory("fuzz-models");
        TestModels.trainAndSave(dir.resolve("w1"), "w1", 1, 1);
        TestModels.trainAndSave(dir.resolve("w3"), "w3", 1, 3);
        single = context(new ModelStore(dir.resolve("w1")).load());
        windowed = context(new ModelStore(dir.resolve("w3")).load());
    }

    @AfterContainer
    static void removeModels() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static ModelContext context(LoadedModel model) {
        return ModelContext.of(model, null, SETTINGS);
    }

    @Property
    void nothingEscapesAndEveryOutputIsStrictJsonThatFits(@ForAll("batches") List<ConsumerRecord<byte[], byte[]>> batch,
                                                         @ForAll boolean windows) throws IOException {
        DetectionStep step = new DetectionStep(SETTINGS, new OutputLimits(Map.of("dlq", 2_000), LIMIT));
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();

        step.run(batch, windows ? windowed : single, "2026-12-02T10:00:00Z", out::add);

        Map<String, Integer> perTopic = new HashMap<>();
        for (ProducerRecord<byte[], byte[]> record : out) {
            perTopic.merge(record.topic(), 1, Integer::sum);
            int limit = record.topic().equals("dlq") ? 2_000 : LIMIT;
            assertThat(RecordSizes.of(record.key(), record.value(), RecordSizes.headers(record.headers())))
                    .as("a record on %s fits", record.topic()).isLessThanOrEqualTo(limit);
            if (record.timestamp() != null) {
                assertThat(record.timestamp()).isNotNegative();
            }
            if (!record.topic().equals("dlq") && !record.topic().equals("state")) {
                assertReadable(record.value(), record.topic());
            }
        }
        int routed = perTopic.getOrDefault("normal", 0) + perTopic.getOrDefault("anomalies", 0);
        assertThat(routed + perTopic.getOrDefault("dlq", 0)).as("one outcome per record").isEqualTo(batch.size());
        assertThat(perTopic.getOrDefault("anomalous", 0)).isEqualTo(perTopic.getOrDefault("anomalies", 0));
    }

    /** What the alerter and the evaluator read of an output: strict JSON, a host, a timestamp, the scores. */
    private static void assertReadable(byte[] value, String topic) throws IOException {
        JsonNode node = STRICT.readTree(value);
        assertThat(node.isObject()).isTrue();
        assertThat(node.path("host").isTextual()).as("host of %s", new String(value, StandardCharsets.UTF_8)).isTrue();
        // ISO-8601, or epoch seconds (with a fraction or not) or milliseconds as the producer wrote them.
        assertThat(node.path("timestamp").isTextual() || node.path("timestamp").isNumber()).isTrue();
        Timestamps.parse(node.get("timestamp").asText());
        assertThat(node.path(ScoredFields.IS_ANOMALY).isBoolean()).isTrue();
        assertThat(node.path(ScoredFields.CONTRIBUTIONS).isArray()).isTrue();
        if (!topic.equals("normal")) {
            assertThat(node.path(ScoredFields.IS_ANOMALY).asBoolean()).isTrue();
            for (String field : List.of(ScoredFields.ERROR, ScoredFields.THRESHOLD, ScoredFields.CONFIDENCE)) {
                assertThat(node.path(field).isNumber()).as(field).isTrue();
                assertThat(Double.isFinite(node.get(field).asDouble())).as(field).isTrue();
            }
            assertThat(node.path(ScoredFields.SEVERITY).asText()).isIn("HIGH", "MEDIUM");
        }
    }

    @Provide
    Arbitrary<List<ConsumerRecord<byte[], byte[]>>> batches() {
        Arbitrary<ConsumerRecord<byte[], byte[]>> record = Combinators.combine(keys(), values(),
                Arbitraries.of(-1L, 0L, 1_767_225_600_000L, Long.MAX_VALUE), headers(),
                Arbitraries.integers().between(0, 2))
                .as((key, value, timestamp, headers, partition) -> new ConsumerRecord<>("in", partition, 0, timestamp,
                        TimestampType.CREATE_TIME, key == null ? -1 : key.length, value == null ? -1 : value.length,
                        key, value, headers, Optional.empty()));
        return record.list().ofMinSize(1).ofMaxSize(12);
    }

    private Arbitrary<byte[]> keys() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("web-1", "web-2", "db-1").map(DetectionStepFuzzTest::utf8)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte[]) null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[0])),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40).map(DetectionStepFuzzTest::utf8)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(20)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(utf8("h".repeat(150_000)))));
    }

    private Arbitrary<RecordHeaders> headers() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(100)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(1_500_000)))
                .map(size -> {
                    RecordHeaders headers = new RecordHeaders();
                    if (size > 0) {
                        headers.add("trace", new byte[size]);
                    }
                    return headers;
                });
    }

    private Arbitrary<byte[]> values() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, events().map(DetectionStepFuzzTest::utf8)),
                net.jqwik.api.Tuple.of(2, events().map(DetectionStepFuzzTest::utf8).flatMap(this::mutated)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte[]) null)),
                // A repetitive value far above every limit, yet small once compressed: it reaches the topic.
                net.jqwik.api.Tuple.of(1, Arbitraries.just(utf8("{\"x\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}"))));
    }

    /** Metric events with every field possibly odd, and odd extra fields. */
    private Arbitrary<String> events() {
        Arbitrary<String> timestamp = Arbitraries.of("\"2026-01-01T00:00:05Z\"", "\"+300000000-01-01T00:00:00Z\"",
                "\"-999999999-01-01T00:00:00Z\"", "1767225605", "1767225605000", "99999999999999999999", "null",
                "\"yesterday\"", "\"2026-01-01 00:00:05\"", "\"2026-01-01T00:00:05\"", "1e300", "[1]", "-1",
                "1767225605.25", "\"2026-01-01T00:00:05.123456\"", "NaN", "-1.5");
        Arbitrary<String> host = Arbitraries.of("\"web-1\"", "null", "7", "\"\"", "\"\\u0000\\ud800\"", "true",
                "{\"name\":\"db-1\"}", "1.5",
                "\"" + "x".repeat(5_000) + "\"");
        Arbitrary<String> number = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.doubles().between(0, 150).map(d -> Double.toString(d))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("NaN", "Infinity", "-Infinity", "1e999", "-0", "1e-320",
                        "\"12\"", "null", "true", "{}", "123456789012345678901234567890", "-5")));
        Arbitrary<String> extra = Arbitraries.of(
                "\"note\":NaN", "\"nested\":{\"a\":[1,2,{\"b\":-Infinity}]}", "\"label\":\"cpu_spike\"",
                "\"episode\":\"web-1-e1\"", "\"label\":7", "\"error\":\"disk failure\"", "\"severity\":null",
                "\"text\":\"\\u00e9\\ud83d\\ude00\"", "\"big\":1e999", "\"deep\":" + "[".repeat(50) + "]".repeat(50),
                "\"contributions\":NaN", "\"is_anomaly\":\"yes\"");
        return Combinators.combine(timestamp.optional(), host.optional(), number.list().ofSize(FEATURES.length),
                extra.list().ofMaxSize(3), Arbitraries.of(true, false))
                .as((time, hostValue, numbers, extras, keepAll) -> {
                    List<String> fields = new ArrayList<>();
                    time.ifPresent(t -> fields.add("\"timestamp\":" + t));
                    hostValue.ifPresent(h -> fields.add("\"host\":" + h));
                    for (int f = 0; f < FEATURES.length; f++) {
                        if (keepAll || f != 2) {
                            fields.add("\"" + FEATURES[f] + "\":" + numbers.get(f));
                        }
                    }
                    fields.addAll(extras);
                    java.util.Collections.shuffle(fields, new java.util.Random(numbers.hashCode()));
                    return "{" + String.join(",", fields) + "}";
                });
    }

    /** Flipped, inserted, duplicated and truncated bytes. */
    private Arbitrary<byte[]> mutated(byte[] json) {
        return Combinators.combine(Arbitraries.integers().between(0, json.length), Arbitraries.bytes(),
                Arbitraries.of(0, 1, 2, 3))
                .as((at, value, kind) -> {
                    byte[] copy = Arrays.copyOf(json, json.length);
                    switch (kind) {
                        case 0 -> {
                            if (at < copy.length) {
                                copy[at] = value;
                            }
                        }
                        case 1 -> copy = Arrays.copyOf(json, at);
                        case 2 -> {
                            byte[] longer = new byte[json.length + 1];
                            System.arraycopy(json, 0, longer, 0, at);
                            longer[at] = value;
                            System.arraycopy(json, at, longer, at + 1, json.length - at);
                            copy = longer;
                        }
                        default -> {
                            byte[] twice = new byte[json.length * 2];
                            System.arraycopy(json, 0, twice, 0, json.length);
                            System.arraycopy(json, 0, twice, json.length, json.length);
                            copy = twice;
                        }
                    }
                    return copy;
                });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
