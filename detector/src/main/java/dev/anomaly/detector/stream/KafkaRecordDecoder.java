package dev.anomaly.detector.stream;

import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricRecordParser;
import dev.anomaly.common.event.ParsedRecord;
import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.event.ScoredFields;
import dev.anomaly.common.event.TimestampPolicy;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.model.ModelMetadata;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns consumed records into a {@link DetectionBatch}: the value is a JSON event, the host is the key, or
 * else the record's host field, or else the one series {@value HostField#DEFAULT_SERIES} (real producers
 * often send no key). A missing timestamp field falls back to the Kafka record's timestamp, as in training.
 */
final class KafkaRecordDecoder {
    private final MetricRecordParser parser;
    private final ParsedRecord parsed;
    private final int maxRecordBytes;

    KafkaRecordDecoder(ModelMetadata metadata, int maxRecordBytes, HostField hostField) {
        TimestampPolicy timestamps = metadata.layout().needsTime() ? TimestampPolicy.OPTIONAL : TimestampPolicy.IGNORE;
        this.parser = new MetricRecordParser(metadata.spec().features(), maxRecordBytes, timestamps,
                ScoredFields.FIELDS, hostField);
        this.parsed = new ParsedRecord(metadata.spec().featureCount());
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Decodes one record into the batch; returns its slot. */
    int decode(ConsumerRecord<byte[], byte[]> record, DetectionBatch batch) {
        parser.parse(record.value(), parsed);
        if (!parsed.isValid()) {
            return batch.addRejected(record.partition(), parsed.reason(), parsed.detail());
        }
        byte[] keyBytes = record.key();
        String key = null;
        if (keyBytes != null && keyBytes.length > 0) {
            if (keyBytes.length > maxRecordBytes) {
                return batch.addRejected(record.partition(), RejectReason.OVERSIZED,
                        "key of " + keyBytes.length + " bytes, limit " + maxRecordBytes);
            }
            key = utf8(keyBytes);
            if (key == null) {
                return batch.addRejected(record.partition(), RejectReason.INVALID_UTF8, "the key is not UTF-8");
            }
        }
        String host = HostField.resolve(key, parsed.host());
        long time = parsed.hasTime() ? parsed.epochMillis() : record.timestamp();
        int slot = batch.addValid(host, record.partition(), time);
        System.arraycopy(parsed.values(), 0, batch.values(slot), 0, batch.features());
        // A copy keeps the record's own host field: only when it names the host the event was scored as.
        String ownHost = parsed.topLevelHost();
        boolean copySafe = parsed.isCopySafe() && (ownHost == null || ownHost.equals(host));
        int flags = (parsed.hasOutputField() ? DetectionBatch.HAS_OUTPUT_FIELD : 0)
                | (copySafe ? 0 : DetectionBatch.NOT_COPY_SAFE)
                | (ownHost != null ? DetectionBatch.HAS_HOST_FIELD : 0)
                | (parsed.hasTime() ? DetectionBatch.HAS_TIME_FIELD : 0);
        batch.describe(slot, flags, parsed.label(), parsed.episode());
        return slot;
    }

    private static String utf8(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
