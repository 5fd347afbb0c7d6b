package dev.anomaly.ingest.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * InfluxDB line protocol, Telegraf's default output format for Kafka; a record may hold several lines.
 *
 * <p>Each numeric field becomes a feature named {@code measurement.field}; the {@code host} tag names the host,
 * other tags tell series of one feature apart (they are averaged into the feature). Telegraf's running totals
 * (diskio, net, kernel, swap in/out, cpu {@code time_*}) become rates per second. Timestamps are read in the
 * precision their size implies (seconds, milliseconds, microseconds or nanoseconds, Telegraf's default).
 */
public final class InfluxLineFormat implements AgentFormat {
    private static final Map<String, Set<String>> RUNNING_TOTALS = Map.of(
            "diskio", Set.of("reads", "writes", "read_bytes", "write_bytes", "read_time", "write_time",
                    "io_time", "weighted_io_time", "merged_reads", "merged_writes"),
            "net", Set.of("bytes_sent", "bytes_recv", "packets_sent", "packets_recv", "err_in", "err_out",
                    "drop_in", "drop_out"),
            "kernel", Set.of("interrupts", "context_switches", "processes_forked", "disk_pages_in",
                    "disk_pages_out"),
            "swap", Set.of("in", "out"));

    @Override
    public List<HostReadings> read(byte[] value, String fallbackHost, long recordTimestampMillis)
            throws UnreadableRecordException {
        String text = utf8(value);
        if (text.isBlank()) {
            throw new UnreadableRecordException(Unreadable.EMPTY, "the record holds no line");
        }
        ReadingsByHostAndTime byHostAndTime = new ReadingsByHostAndTime();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            InfluxLine parsed;
            try {
                parsed = InfluxLine.parse(line);
            } catch (UnreadableRecordException e) {
                throw new UnreadableRecordException(e.reason(), "line " + (i + 1) + ": " + e.getMessage());
            }
            String host = parsed.tags().getOrDefault("host", fallbackHost);
            long time = parsed.timestamp().isPresent() ? toMillis(parsed.timestamp().getAsLong())
                    : recordTimestampMillis;
            List<Reading> readings = byHostAndTime.at(host, time);
            String tags = parsed.tags().entrySet().stream().filter(tag -> !"host".equals(tag.getKey()))
                    .map(tag -> SeriesId.escape(tag.getKey()) + "=" + SeriesId.escape(tag.getValue()))
                    .collect(Collectors.joining(","));
            for (Map.Entry<String, Double> field : parsed.numericFields().entrySet()) {
                String feature = parsed.measurement() + "." + field.getKey();
                if (feature.length() > SeriesId.MAX_NAME_LENGTH || tags.length() > SeriesId.MAX_NAME_LENGTH) {
                    throw new UnreadableRecordException(Unreadable.NAME_TOO_LONG, "line " + (i + 1)
                            + ": a name or tag set longer than " + SeriesId.MAX_NAME_LENGTH + " characters");
                }
                readings.add(new Reading(new SeriesId(feature, tags), field.getValue(),
                        kind(parsed.measurement(), field.getKey())));
            }
        }
        return byHostAndTime.toList();
    }

    private static Reading.Kind kind(String measurement, String field) {
        boolean total = RUNNING_TOTALS.getOrDefault(measurement, Set.of()).contains(field)
                || ("cpu".equals(measurement) && field.startsWith("time_"));
        return total ? Reading.Kind.COUNTER : Reading.Kind.GAUGE;
    }

    /** Today's times are 10 digits in seconds, 13 in milliseconds, 16 in microseconds and 19 in nanoseconds. */
    static long toMillis(long timestamp) {
        if (timestamp < 0) {
            return -1;
        }
        long magnitude = timestamp;
        if (magnitude >= 100_000_000_000_000_000L) {
            return Math.floorDiv(timestamp, 1_000_000L);
        }
        if (magnitude >= 100_000_000_000_000L) {
            return Math.floorDiv(timestamp, 1_000L);
        }
        if (magnitude >= 100_000_000_000L) {
            return timestamp;
        }
        return timestamp * 1000;
    }

    private static String utf8(byte[] value) throws UnreadableRecordException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableRecordException(Unreadable.INVALID_UTF8, "the record is not valid UTF-8", e);
        }
    }

    @Override
    public Map<String, Double> standardFields(SortedMap<SeriesId, Double> means) {
        return TelegrafStandardFields.derive(means);
    }
}
