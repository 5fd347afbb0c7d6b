package dev.anomaly.generator.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.sink.OutgoingRecord;
import dev.anomaly.common.time.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a recorded CSV (any columns, header required) and turns each row into a flat JSON object with the
 * same field names: numbers stay numbers, empty cells become null, other cells strings. A
 * {@code timestamp} column, if present, is normalised to ISO-8601 UTC and paces real-time replay. The key
 * is the {@code host} column, or the file's name when there is none, so one series stays in order on one
 * partition.
 */
public final class CsvReplaySource implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> columns;
    private final int timestampColumn;
    private final int hostColumn;
    private final String defaultKey;

    private CsvReplaySource(Path file, CSVParser parser) {
        this.file = file;
        this.parser = parser;
        this.rows = parser.iterator();
        this.columns = parser.getHeaderNames();
        this.timestampColumn = indexOf(columns, MetricFields.TIMESTAMP);
        this.hostColumn = indexOf(columns, MetricFields.HOST);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.defaultKey = dot > 0 ? name.substring(0, dot) : name;
    }

    /** Opens a CSV file with a header row. */
    public static CsvReplaySource open(Path file) {
        try {
            Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            CSVParser parser = CSVFormat.DEFAULT.builder()
                    .setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setTrim(true)
                    .get().parse(reader);
            if (parser.getHeaderNames().isEmpty()) {
                parser.close();
                throw ExitException.failure(file + ": no header row");
            }
            return new CsvReplaySource(file, parser);
        } catch (NoSuchFileException e) {
            throw ExitException.failure(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw ExitException.failure(file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /** Whether the file has a timestamp column to pace real-time replay. */
    public boolean hasTimestamps() {
        return timestampColumn >= 0;
    }

    /**
     * The next row, or empty at the end of the file.
     *
     * @throws ExitException naming the line of a malformed row
     */
    public Optional<ReplayRow> next() {
        CSVRecord row;
        try {
            if (!rows.hasNext()) {
                return Optional.empty();
            }
            row = rows.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw ExitException.failure(file + ": malformed CSV after line " + parser.getCurrentLineNumber()
                    + ": " + e.getMessage(), e);
        }
        if (row.size() != columns.size()) {
            throw ExitException.failure(file + " line " + row.getParser().getCurrentLineNumber() + ": "
                    + row.size() + " cells, but the header has " + columns.size());
        }
        Instant timestamp = null;
        if (timestampColumn >= 0) {
            try {
                timestamp = Timestamps.parse(row.get(timestampColumn));
            } catch (IllegalArgumentException e) {
                throw ExitException.failure(file + " line " + row.getParser().getCurrentLineNumber() + ": "
                        + e.getMessage());
            }
        }
        String key = hostColumn >= 0 && !row.get(hostColumn).isEmpty() ? row.get(hostColumn) : defaultKey;
        return Optional.of(new ReplayRow(new OutgoingRecord(key, toJson(row, timestamp), null), timestamp));
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    private byte[] toJson(CSVRecord row, Instant timestamp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i);
                String cell = row.get(i);
                if (i == timestampColumn) {
                    json.writeStringField(name, timestamp.toString());
                } else if (cell.isEmpty()) {
                    json.writeNullField(name);
                } else if (isFiniteNumber(cell)) {
                    json.writeFieldName(name);
                    json.writeNumber(cell);
                } else {
                    json.writeStringField(name, cell);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean isFiniteNumber(String cell) {
        // JSON numbers only: no hex, no leading '+', no NaN/Infinity, no trailing 'd'/'f'.
        if (!cell.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            return false;
        }
        return Double.isFinite(Double.parseDouble(cell));
    }

    private static int indexOf(List<String> columns, String wanted) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
