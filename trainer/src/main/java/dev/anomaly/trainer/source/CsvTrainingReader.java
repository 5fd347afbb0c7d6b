package dev.anomaly.trainer.source;

import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.model.TimedSample;
import dev.anomaly.common.time.Timestamps;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads training events from a CSV with a header: the feature columns (others ignored), and optionally
 * {@code timestamp} (ISO-8601 or {@code yyyy-MM-dd HH:mm:ss}), {@code host} and {@code label}.
 *
 * <p>A row with a missing or non-numeric feature or an unreadable timestamp is never used: by default it
 * fails the read naming its line; with {@code skipBadRows} it is reported and counted.
 */
public final class CsvTrainingReader {
    private final List<String> features;
    private final boolean skipBadRows;
    private final Consumer<String> warnings;
    private final HostField hostField;

    /**
     * @param hostField the host column (a row without one, or with it empty, is the default series)
     * @param warnings receives one line per skipped row (with {@code skipBadRows})
     */
    public CsvTrainingReader(List<String> features, boolean skipBadRows, HostField hostField,
                             Consumer<String> warnings) {
        this.features = List.copyOf(features);
        this.hostField = hostField;
        this.skipBadRows = skipBadRows;
        this.warnings = warnings;
    }

    public CollectedData read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).setTrim(true).setIgnoreEmptyLines(true).get().parse(reader)) {
            Columns columns = Columns.of(parser.getHeaderNames(), features, hostField, file);
            List<TrainingEvent> events = new ArrayList<>();
            long normal = 0;
            long labelled = 0;
            long rejected = 0;
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                TrainingEvent event;
                try {
                    event = toEvent(row, columns);
                } catch (IllegalArgumentException e) {
                    String message = file + " line " + line + ": " + e.getMessage();
                    if (!skipBadRows) {
                        throw ExitException.failure(message + " (--skip-bad-rows leaves such rows out)");
                    }
                    warnings.accept("skipped " + message);
                    rejected++;
                    continue;
                }
                events.add(event);
                if (event.labelled()) {
                    labelled++;
                } else {
                    normal++;
                }
            }
            return new CollectedData(events, normal, labelled, rejected, file.toString());
        } catch (NoSuchFileException e) {
            throw ExitException.failure(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw ExitException.failure(file + ": cannot read it: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw ExitException.failure(file + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    private TrainingEvent toEvent(CSVRecord row, Columns columns) {
        if (!row.isConsistent()) {
            throw new IllegalArgumentException(row.size() + " cells, but the header has " + columns.count);
        }
        double[] values = new double[features.size()];
        for (int i = 0; i < features.size(); i++) {
            String cell = row.get(columns.features[i]);
            if (cell.isEmpty()) {
                throw new IllegalArgumentException(features.get(i) + " is missing");
            }
            double value;
            try {
                value = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(features.get(i) + " is not a number ('" + cell + "')");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(features.get(i) + " is not finite ('" + cell + "')");
            }
            values[i] = value;
        }
        long time = TimedSample.NO_TIME;
        if (columns.timestamp >= 0) {
            time = Timestamps.parse(row.get(columns.timestamp)).toEpochMilli();
        }
        String host = HostField.resolve(null, columns.host >= 0 ? row.get(columns.host) : null);
        boolean labelled = columns.label >= 0 && !row.get(columns.label).isEmpty()
                && !row.get(columns.label).equalsIgnoreCase("null");
        return new TrainingEvent(host, time, values, labelled);
    }

    /** Column positions of the header. */
    private record Columns(int count, int[] features, int timestamp, int host, int label) {
        static Columns of(List<String> header, List<String> features, HostField hostField, Path file) {
            List<String> names = header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
            int[] positions = new int[features.size()];
            for (int i = 0; i < features.size(); i++) {
                positions[i] = header.indexOf(features.get(i));
                if (positions[i] < 0) {
                    throw ExitException.failure(file + ": no column '" + features.get(i) + "' (columns: "
                            + String.join(",", header) + "); choose the features with --features");
                }
            }
            return new Columns(header.size(), positions, names.indexOf(MetricFields.TIMESTAMP),
                    names.indexOf(hostField.path().toLowerCase(Locale.ROOT)), names.indexOf(MetricFields.LABEL));
        }
    }
}
