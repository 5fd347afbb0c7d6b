package dev.anomaly.detector.stream;

import dev.anomaly.common.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record the detector cannot score, forwarded byte for byte (key, value, headers) with headers that say
 * why and where it came from, its timestamp among them ({@code dlq.source.timestamp}): the dead letter itself
 * is stamped by Kafka when it is written, since a source's CreateTime may be one the dead-letter topic refuses
 * (more than an hour ahead, by Kafka's default) or none at all (-1).
 *
 * <p>A dead letter always fits: one larger than the dead-letter topic or the producer accepts would abort
 * every transaction it is part of, forever. Such a record is cut to what fits (its own headers dropped
 * first, then the value, then the key shortened), marked {@code dlq.truncated=true} with its original
 * sizes in {@code dlq.original.size}.
 */
public final class DeadLetters {
    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String DETAIL = DeadLetterHeaders.DETAIL;
    public static final String SOURCE_TOPIC = DeadLetterHeaders.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = DeadLetterHeaders.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = DeadLetterHeaders.SOURCE_OFFSET;
    public static final String MODEL_VERSION = "dlq.model.version";
    public static final String SOURCE_TIMESTAMP = DeadLetterHeaders.SOURCE_TIMESTAMP;
    public static final String TRUNCATED = DeadLetterHeaders.TRUNCATED;
    public static final String ORIGINAL_SIZE = DeadLetterHeaders.ORIGINAL_SIZE;
    private static final int MAX_DETAIL_BYTES = 2048;

    private DeadLetters() {
    }

    /**
     * The dead letter of {@code source}.
     *
     * @param maxBytes the largest record the dead-letter topic and the producer accept (see {@link RecordSizes})
     */
    static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> source, String topic, String reason,
                                             String detail, String modelVersion, int maxBytes) {
        RecordHeaders ours = headers(source, reason, detail, modelVersion);
        Long timestamp = null;
        byte[] key = source.key();
        byte[] value = source.value();
        int sourceHeaders = RecordSizes.headers(source.headers());
        if (RecordSizes.of(key, value, sourceHeaders + RecordSizes.headers(ours)) <= maxBytes) {
            RecordHeaders headers = new RecordHeaders();
            for (Header header : source.headers()) {
                headers.add(header);
            }
            for (Header header : ours) {
                headers.add(header);
            }
            return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
        }
        ours.add(TRUNCATED, bytes("true"));
        ours.add(ORIGINAL_SIZE, bytes("key=" + length(key) + " value=" + length(value) + " headers="
                + headerBytes(source)));
        int room = Math.max(0, RecordSizes.dataRoom(maxBytes) - RecordSizes.headers(ours));
        // The value is what people read; the key keeps at least half the room when both are large.
        byte[] keptKey = shortened(key, Math.max(room / 2, room - length(value)));
        byte[] keptValue = shortened(value, room - length(keptKey));
        return new ProducerRecord<>(topic, null, timestamp, keptKey, keptValue, ours);
    }

    /** The dead letter's own headers: why, and where it came from. */
    private static RecordHeaders headers(ConsumerRecord<byte[], byte[]> source, String reason, String detail,
                                         String modelVersion) {
        RecordHeaders ours = new RecordHeaders();
        ours.add(REASON, bytes(reason));
        ours.add(DETAIL, shortened(bytes(detail == null ? "" : detail), MAX_DETAIL_BYTES));
        ours.add(SOURCE_TOPIC, bytes(source.topic()));
        ours.add(SOURCE_PARTITION, bytes(Integer.toString(source.partition())));
        ours.add(SOURCE_OFFSET, bytes(Long.toString(source.offset())));
        ours.add(MODEL_VERSION, bytes(modelVersion));
        if (source.timestamp() >= 0) {
            ours.add(SOURCE_TIMESTAMP, bytes(source.timestamp() + " " + source.timestampType()));
        }
        return ours;
    }

    /** The bytes of a record's header keys and values. */
    private static long headerBytes(ConsumerRecord<byte[], byte[]> source) {
        long bytes = 0;
        for (Header header : source.headers()) {
            bytes += header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value());
        }
        return bytes;
    }

    /**
     * A dead letter of headers only, for a record whose full dead letter Kafka refused too: where it came
     * from and why, without its bytes.
     */
    static ProducerRecord<byte[], byte[]> headersOnly(ConsumerRecord<byte[], byte[]> source, String topic,
                                                      String reason, String detail, String modelVersion) {
        RecordHeaders ours = headers(source, reason, detail, modelVersion);
        ours.add(TRUNCATED, bytes("true"));
        ours.add(ORIGINAL_SIZE, bytes("key=" + length(source.key()) + " value=" + length(source.value())
                + " headers=" + headerBytes(source)));
        return new ProducerRecord<>(topic, null, null, new byte[0], null, ours);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] shortened(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
