package dev.anomaly.detector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.HostField;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelStore;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.Detector;
import dev.anomaly.detector.core.Outcome;
import dev.anomaly.testkit.MalformedRecord;
import dev.anomaly.testkit.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaRecordDecoderTest {
    private static LoadedModel model;

    @BeforeAll
    static void trainModel(@TempDir Path dir) {
        TestModels.trainAndSave(dir, "v-decoder", 4, 1);
        model = new ModelStore(dir).load();
    }

    @Test
    void everyKindOfMalformedRecordIsRejectedWithAReason() {
        for (int kind = 0; kind < MalformedRecord.KINDS; kind++) {
            MalformedRecord malformed = MalformedRecord.of(kind, "web-1");
            DetectionBatch batch = decodeAndScore(new ConsumerRecord<>("in", 0, kind, malformed.key(),
                    malformed.value()));

            assertThat(batch.outcome(0)).as(malformed.kind()).isEqualTo(Outcome.REJECTED);
            assertThat(batch.reason(0)).as(malformed.kind()).isNotNull();
        }
    }

    @Test
    void aGoodRecordIsScoredWithItsKeyAsHost() {
        String json = "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"host\":\"ignored\",\"cpu_usage\":30,"
                + "\"memory_usage\":45.0,\"response_time_ms\":130.0,\"disk_io_mb\":50.0,\"network_io_mb\":100.0}";

        DetectionBatch batch = decodeAndScore(new ConsumerRecord<>("in", 2, 7, bytes("web-3"), bytes(json)));

        assertThat(batch.outcome(0)).isIn(Outcome.NORMAL, Outcome.ANOMALY);
        assertThat(batch.key(0)).isEqualTo("web-3");
        assertThat(batch.partition(0)).isEqualTo(2);
    }

    @Test
    void aMissingTimestampFallsBackToTheRecordTime() {
        String json = "{\"cpu_usage\":30,\"memory_usage\":45.0,\"response_time_ms\":130.0,\"disk_io_mb\":50.0,"
                + "\"network_io_mb\":100.0}";
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("in", 0, 0, 1_767_225_605_000L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 5, json.length(), bytes("web-1"), bytes(json),
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());

        DetectionBatch batch = decodeAndScore(record);

        assertThat(batch.time(0)).isEqualTo(1_767_225_605_000L);
    }

    @Test
    void aRecordWithoutAKeyTakesItsHostFieldOrElseIsTheDefaultSeriesAndItsOutputIsKeyedByIt() {
        String metrics = "\"cpu_usage\":30,\"memory_usage\":45.0,\"response_time_ms\":130.0,\"disk_io_mb\":50.0,"
                + "\"network_io_mb\":100.0";
        String tagged = "{\"tags\":{\"host\":\"db-4\"}," + metrics + "}";

        DetectionBatch withHost = decodeAndScore(new ConsumerRecord<>("in", 0, 0, null,
                bytes("{\"host\":\"web-2\"," + metrics + "}")));
        DetectionBatch emptyKey = decodeAndScore(new ConsumerRecord<>("in", 0, 0, new byte[0], bytes("{" + metrics + "}")));
        DetectionBatch nested = decodeAndScore(new ConsumerRecord<>("in", 0, 0, null, bytes(tagged)),
                HostField.of("tags.host"));

        assertThat(withHost.outcome(0)).isIn(Outcome.NORMAL, Outcome.ANOMALY);
        assertThat(withHost.key(0)).isEqualTo("web-2");
        assertThat(emptyKey.outcome(0)).isIn(Outcome.NORMAL, Outcome.ANOMALY);
        assertThat(emptyKey.key(0)).isEqualTo(HostField.DEFAULT_SERIES);
        assertThat(nested.key(0)).isEqualTo("db-4");
    }

    private static DetectionBatch decodeAndScore(ConsumerRecord<byte[], byte[]> record) {
        return decodeAndScore(record, HostField.DEFAULT);
    }

    private static DetectionBatch decodeAndScore(ConsumerRecord<byte[], byte[]> record, HostField hostField) {
        KafkaRecordDecoder decoder = new KafkaRecordDecoder(model.metadata(), 100 * 1024, hostField);
        DetectionBatch batch = new DetectionBatch(5);
        batch.reset(1);
        decoder.decode(record, batch);
        new Detector(model).score(batch);
        return batch;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
