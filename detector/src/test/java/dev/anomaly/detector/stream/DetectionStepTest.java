package dev.anomaly.detector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.model.ModelStore;
import dev.anomaly.testkit.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

class DetectionStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRICS = "\"cpu_usage\":31.5,\"memory_usage\":47.0,\"response_time_ms\":131.0,"
            + "\"disk_io_mb\":50.0,\"network_io_mb\":99.0";
    private static final StreamSettings SETTINGS = StreamSettings.builder().inputTopic("in").anomaliesTopic("anomalies")
            .normalTopic("normal").deadLetterTopic("dlq").stateTopic("state").build();
    private static ModelContext context;

    @BeforeAll
    static void trainModel(@TempDir Path dir) {
        TestModels.trainAndSave(dir, "v1", 1, 1);
        context = ModelContext.of(new ModelStore(dir).load(), null, StreamSettings.builder().inputTopic("in")
                .anomaliesTopic("anomalies").maxRecordBytes(100 * 1024).likelihood(null).learning(null).build());
    }

    @Test
    void aRecordWithNaNInAnotherFieldIsScoredAndWrittenAsTheCanonicalEvent() throws IOException {
        List<ProducerRecord<byte[], byte[]>> out = run(Map.of(), record("web-1",
                "{\"timestamp\":\"2026-01-01T00:00:05Z\"," + METRICS + ",\"note\":NaN,\"label\":null}"));

        assertThat(out).hasSize(1);
        JsonNode node = JSON.readTree(out.get(0).value());
        assertThat(node.has("note")).isFalse();
        assertThat(node.get("host").asText()).isEqualTo("web-1");
        assertThat(node.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:05Z");
        assertThat(node.get("cpu_usage").asDouble()).isEqualTo(31.5);
        assertThat(node.get("is_anomaly").isBoolean()).isTrue();
    }

    @Test
    void aRecordWithoutHostOrTimestampFieldsGetsTheKeyAndTheRecordTime() throws IOException {
        List<ProducerRecord<byte[], byte[]>> out = run(Map.of(), record("db-1", "{" + METRICS + ",\"site\":\"eu\"}"));

        JsonNode node = JSON.readTree(out.get(0).value());
        assertThat(node.get("site").asText()).as("the original fields are kept").isEqualTo("eu");
        assertThat(node.get("host").asText()).isEqualTo("db-1");
        assertThat(node.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:07Z");
    }

    @Test
    void anOutputTooLargeForItsTopicIsWrittenCanonicalOrElseDeadLettered() throws IOException {
        String padded = "{\"timestamp\":\"2026-01-01T00:00:05Z\"," + METRICS + ",\"pad\":\"" + "x".repeat(5_000) + "\"}";

        List<ProducerRecord<byte[], byte[]>> canonical = run(Map.of("normal", 1_000), record("web-1", padded));
        List<ProducerRecord<byte[], byte[]>> rejected = run(Map.of("normal", 300), record("web-1", padded));

        assertThat(canonical).extracting(ProducerRecord::topic).containsExactly("normal");
        assertThat(JSON.readTree(canonical.get(0).value()).has("pad")).isFalse();
        assertThat(rejected).extracting(ProducerRecord::topic).containsExactly("dlq");
        assertThat(new String(rejected.get(0).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("oversized");
    }

    @Test
    void aTimestampOutOfJavasReachIsADeadLetterAndTheRestOfTheBatchIsScored() {
        List<ProducerRecord<byte[], byte[]>> out = run(Map.of(),
                record("web-1", "{\"timestamp\":\"+300000000-01-01T00:00:00Z\"," + METRICS + "}"),
                record("web-2", "{\"timestamp\":\"2026-01-01T00:00:05Z\"," + METRICS + "}"));

        assertThat(out).extracting(ProducerRecord::topic).containsExactly("dlq", "normal");
    }

    @Test
    void aRecordWhoseOutputKafkaRefusesIsDeadLetteredThenSentAsHeadersOnlyThenDropped() {
        ConsumerRecord<byte[], byte[]> record = record("web-1", "{\"timestamp\":\"2026-01-01T00:00:05Z\"," + METRICS + "}");
        DetectionStep step = new DetectionStep(SETTINGS, new OutputLimits(Map.of(), OutputLimits.KAFKA_DEFAULT));
        List<List<ProducerRecord<byte[], byte[]>>> attempts = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
            step.run(List.of(record), context, "2026-12-02T10:00:00Z", out::add);
            attempts.add(out);
            step.refused(0, new org.apache.kafka.common.errors.InvalidTimestampException("out of range"));
        }

        assertThat(attempts.get(0)).extracting(ProducerRecord::topic).containsExactly("normal");
        assertThat(attempts.get(1)).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("dlq");
            assertThat(letter.value()).isEqualTo(record.value());
            assertThat(new String(letter.headers().lastHeader(DeadLetters.DETAIL).value(), StandardCharsets.UTF_8))
                    .contains("Kafka refused its output", "InvalidTimestampException");
        });
        assertThat(attempts.get(2)).singleElement().satisfies(letter -> assertThat(letter.value()).isNull());
        assertThat(attempts.get(3)).isEmpty();
        assertThat(step.dropped()).isEqualTo(1);
    }

    @Test
    void anOutputNamesAndIsKeyedByTheHostTheEventWasScoredAs() throws IOException {
        List<ProducerRecord<byte[], byte[]>> out = run(Map.of(),
                record("web-1", "{\"host\":\"lb\"," + METRICS + ",\"site\":\"eu\"}"),
                record(null, "{\"host\":\"db-2\"," + METRICS + ",\"site\":\"eu\"}"),
                record(null, "{" + METRICS + "}"));

        assertThat(out).hasSize(3);
        List<String> hosts = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : out) {
            JsonNode node = JSON.readTree(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(node.get("host").asText());
            hosts.add(node.get("host").asText());
        }
        assertThat(hosts).as("the key wins over the host field; a record with neither is 'default'")
                .containsExactly("web-1", "db-2", "default");
        assertThat(JSON.readTree(out.get(1).value()).get("site").asText()).as("a matching host field is copied")
                .isEqualTo("eu");
    }

    @SafeVarargs
    private static List<ProducerRecord<byte[], byte[]>> run(Map<String, Integer> limits,
                                                          ConsumerRecord<byte[], byte[]>... records) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        new DetectionStep(SETTINGS, new OutputLimits(limits, OutputLimits.KAFKA_DEFAULT))
                .run(List.of(records), context, "2026-12-02T10:00:00Z", out::add);
        return out;
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("in", 0, 1, 1_767_225_607_000L, TimestampType.CREATE_TIME,
                keyBytes == null ? -1 : keyBytes.length, bytes.length, keyBytes, bytes, new RecordHeaders(),
                Optional.empty());
    }
}
