package dev.anomaly.detector.stream;

import dev.anomaly.common.event.MetricRecordParser;
import dev.anomaly.common.event.ParsedRecord;
import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.event.TimestampPolicy;
import dev.anomaly.common.model.ModelMetadata;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.ScoredEventJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns consumed records into a {@link DetectionBatch}: the key is the host (a record without one cannot be
 * windowed or partitioned consistently), the value is a JSON event. A missing timestamp field falls back to
 * the Kafka record's timestamp, as in training.
 */
final class KafkaRecordDecoder {
    private final MetricRecordParser parser;
    private final ParsedRecord parsed;
    private boolean[] outputFields = new boolean[0];

    KafkaRecordDecoder(ModelMetadata metadata, int maxRecordBytes) {
        TimestampPolicy timestamps = metadata.layout().needsTime() ? TimestampPolicy.OPTIONAL : TimestampPolicy.IGNORE;
        this.parser = new MetricRecordParser(metadata.spec().features(), maxRecordBytes, timestamps,
                ScoredEventJson.FIELDS);
        this.parsed = new ParsedRecord(metadata.spec().featureCount());
    }

    /** Decodes one record into the batch; returns its slot. */
    int decode(ConsumerRecord<byte[], byte[]> record, DetectionBatch batch) {
        int slot;
        parser.parse(record.value(), parsed);
        if (!parsed.isValid()) {
            slot = batch.addRejected(record.partition(), parsed.reason(), parsed.detail());
        } else if (record.key() == null || record.key().length == 0) {
            slot = batch.addRejected(record.partition(), RejectReason.MISSING_KEY, "the key must be the host");
        } else {
            String key = utf8(record.key());
            if (key == null) {
                slot = batch.addRejected(record.partition(), RejectReason.INVALID_UTF8, "the key is not UTF-8");
            } else {
                long time = parsed.hasTime() ? parsed.epochMillis() : record.timestamp();
                slot = batch.addValid(key, record.partition(), time);
                System.arraycopy(parsed.values(), 0, batch.values(slot), 0, batch.features());
            }
        }
        if (outputFields.length <= slot) {
            outputFields = java.util.Arrays.copyOf(outputFields, Math.max(16, 2 * (slot + 1)));
        }
        outputFields[slot] = parsed.isValid() && parsed.hasOutputField();
        return slot;
    }

    /** Whether the record in {@code slot} already had one of the detector's output fields. */
    boolean hasOutputField(int slot) {
        return outputFields[slot];
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
