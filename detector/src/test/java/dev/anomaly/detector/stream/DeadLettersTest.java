package dev.anomaly.detector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    @Test
    void aRecordWithoutTimestampGetsOneFromKafka() {
        ConsumerRecord<byte[], byte[]> source = record(-1, bytes("web-1"), bytes("not json"));

        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(source, "dlq", "not_json", "x", "v1", 1_000_000);

        assertThat(letter.timestamp()).isNull();
        assertThat(letter.headers().lastHeader(DeadLetters.SOURCE_TIMESTAMP)).isNull();
        assertThat(letter.value()).isEqualTo(source.value());
    }

    @Test
    void aLetterTooLargeForTheTopicIsCutToFitAndSaysSo() {
        byte[] value = new byte[3 * 1024 * 1024];
        Arrays.fill(value, (byte) 'a');
        ConsumerRecord<byte[], byte[]> source = record(1_000, bytes("web-1"), value);
        source.headers().add("trace", new byte[200_000]);

        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(source, "dlq", "oversized", "3 MiB", "v1", 1_048_588);

        assertThat(RecordSizes.of(letter.key(), letter.value(), RecordSizes.headers(letter.headers())))
                .isLessThanOrEqualTo(1_048_588);
        assertThat(letter.value().length).isGreaterThan(1_000_000);
        assertThat(letter.key()).isEqualTo(bytes("web-1"));
        assertThat(header(letter, DeadLetters.TRUNCATED)).isEqualTo("true");
        assertThat(header(letter, DeadLetters.ORIGINAL_SIZE)).isEqualTo("key=5 value=3145728 headers=200005");
        assertThat(letter.headers().lastHeader("trace")).as("the source's own headers go first").isNull();
        assertThat(header(letter, DeadLetters.REASON)).isEqualTo("oversized");
    }

    @Test
    void aLetterThatFitsKeepsEverythingByteForByte() {
        ConsumerRecord<byte[], byte[]> source = record(1_000, bytes("web-1"), bytes("{\"cpu_usage\":\"x\"}"));
        source.headers().add("trace", bytes("t-1"));

        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(source, "dlq", "not_a_number", "cpu", "v1", 1_048_588);

        assertThat(letter.timestamp()).as("stamped by Kafka: the topic may refuse the source's").isNull();
        assertThat(header(letter, DeadLetters.SOURCE_TIMESTAMP)).isEqualTo("1000 CreateTime");
        assertThat(letter.value()).isEqualTo(source.value());
        assertThat(header(letter, "trace")).isEqualTo("t-1");
        assertThat(letter.headers().lastHeader(DeadLetters.TRUNCATED)).isNull();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record(long timestamp, byte[] key, byte[] value) {
        return new ConsumerRecord<>("in", 0, 7, timestamp, TimestampType.CREATE_TIME, key.length, value.length, key,
                value, new RecordHeaders(), Optional.empty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
