package dev.anomaly.ingest.stream;

import dev.anomaly.common.kafka.DeadLetterHeaders;
import dev.anomaly.ingest.format.AgentFormat;
import dev.anomaly.ingest.format.HostReadings;
import dev.anomaly.ingest.format.SeriesId;
import dev.anomaly.ingest.format.Unreadable;
import dev.anomaly.ingest.format.UnreadableRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads an agent's records: each host's readings go on keyed by the host, at the time they were measured;
 * anything else, whatever the record holds, becomes a dead letter with its reason, never an exception.
 */
final class RecordParser implements Processor<byte[], byte[], String, ParseOutcome> {
    /** The host of records that name none and have no key: one series, as {@code detect} does. */
    static final String DEFAULT_HOST = "default";
    /** A dead letter's key and value together stay below the topic's default 1 MB limit, headers included. */
    static final int MAX_DEAD_LETTER_BYTES = 900_000;
    /**
     * How far ahead of the record (and of this machine's clock) an agent's time may be. Further ahead, it is a
     * wrong clock: brokers refuse records over an hour ahead (log.message.timestamp.after.max.ms), and the host's
     * intervals would wait for it; the record's own time is used instead.
     */
    static final long MAX_AHEAD_MILLIS = 5 * 60_000L;
    /** One record's readings on the repartition topic stay well below the producer's 1 MB request limit. */
    static final int MAX_READINGS_BYTES = 500_000;

    private final AgentFormat format;
    private final IngestCounters counters;
    private ProcessorContext<String, ParseOutcome> context;

    RecordParser(AgentFormat format, IngestCounters counters) {
        this.format = format;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, ParseOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        counters.record();
        List<HostReadings> readings;
        try {
            byte[] value = record.value() == null ? new byte[0] : record.value();
            readings = format.read(value, fallbackHost(record.key()), record.timestamp());
            long bytes = 0;
            for (HostReadings host : readings) {
                if (host.host().length() > SeriesId.MAX_NAME_LENGTH) {
                    throw new UnreadableRecordException(Unreadable.NAME_TOO_LONG, "a host name of "
                            + host.host().length() + " characters (at most " + SeriesId.MAX_NAME_LENGTH + ")");
                }
                bytes += ReadingsSerde.maxSize(host);
            }
            if (bytes > MAX_READINGS_BYTES) {
                throw new UnreadableRecordException(Unreadable.TOO_LARGE, "its readings take up to " + bytes
                        + " bytes (at most " + MAX_READINGS_BYTES + ")");
            }
        } catch (UnreadableRecordException e) {
            deadLetter(record, e.reason(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            deadLetter(record, Unreadable.INTERNAL_ERROR, e.getClass().getName() + ": " + e.getMessage());
            return;
        }
        long latest = Math.min(record.timestamp(), context.currentSystemTimeMs()) + MAX_AHEAD_MILLIS;
        for (HostReadings host : readings) {
            long time = host.timestampMillis() >= 0 && host.timestampMillis() <= latest
                    ? host.timestampMillis() : Math.min(record.timestamp(), latest);
            HostReadings timed = new HostReadings(host.host(), time, host.readings());
            context.forward(new Record<>(host.host(), (ParseOutcome) new ParseOutcome.Readable(timed), time,
                    new RecordHeaders()));
        }
    }

    private static String fallbackHost(byte[] key) {
        if (key == null || key.length == 0 || key.length > SeriesId.MAX_NAME_LENGTH) {
            return DEFAULT_HOST;
        }
        String host = new String(key, StandardCharsets.UTF_8);
        return host.isBlank() ? DEFAULT_HOST : host;
    }

    private void deadLetter(Record<byte[], byte[]> record, Unreadable reason, String detail) {
        counters.deadLetter();
        byte[] key = record.key();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        // The record's own headers travel along unless they would take the dead letter over the limit.
        int headerBytes = 0;
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            headerBytes += header.key().length() * 3 + (header.value() == null ? 0 : header.value().length);
        }
        int keyBytes = key == null ? 0 : key.length;
        boolean tooLarge = keyBytes + value.length + headerBytes > MAX_DEAD_LETTER_BYTES;
        RecordHeaders headers = tooLarge ? new RecordHeaders() : new RecordHeaders(record.headers().toArray());
        headers.remove(DeadLetterHeaders.REASON);
        headers.add(DeadLetterHeaders.REASON, bytes(reason.code()));
        headers.add(DeadLetterHeaders.DETAIL, bytes(detail == null ? "" : shorten(detail)));
        Optional<RecordMetadata> source = context.recordMetadata();
        source.ifPresent(metadata -> {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, bytes(metadata.topic()));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, bytes(Integer.toString(metadata.partition())));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, bytes(Long.toString(metadata.offset())));
        });
        headers.add(DeadLetterHeaders.SOURCE_TIMESTAMP, bytes(Long.toString(record.timestamp())));
        if (tooLarge) {
            headers.add(DeadLetterHeaders.TRUNCATED, bytes("true"));
            headers.add(DeadLetterHeaders.ORIGINAL_SIZE, bytes("key=" + keyBytes + " value=" + value.length
                    + " headers=" + headerBytes));
            key = key != null && key.length > MAX_DEAD_LETTER_BYTES / 2
                    ? Arrays.copyOf(key, MAX_DEAD_LETTER_BYTES / 2) : key;
            value = Arrays.copyOf(value, Math.max(0, MAX_DEAD_LETTER_BYTES - (key == null ? 0 : key.length)));
        }
        context.forward(new Record<String, ParseOutcome>(null, new ParseOutcome.DeadLetter(key, value),
                record.timestamp(), headers));
    }

    private static String shorten(String detail) {
        return detail.length() <= 500 ? detail : detail.substring(0, 500) + "…";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
