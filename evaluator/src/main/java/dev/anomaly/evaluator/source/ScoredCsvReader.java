package dev.anomaly.evaluator.source;

import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.event.CsvHeader;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.event.ScoredFields;
import dev.anomaly.common.time.Timestamps;
import dev.anomaly.evaluator.alerts.AlertPreview;
import dev.anomaly.evaluator.metrics.EvaluationAccumulator;
import dev.anomaly.evaluator.report.SourceSummary;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Feeds the rows of a scored CSV ({@code anomaly detect --input ... --output}) into an accumulator. A row is
 * flagged when {@code is_anomaly} is {@code true} and its {@code status} (when the file has that column) is
 * {@code scored}; rows with another status were not scored and count as not flagged. A row with a
 * {@code suppressed_by} (detect's alert rules) counts as not flagged and is counted apart.
 */
public final class ScoredCsvReader {
    /** The detector's verdict column. */
    public static final String IS_ANOMALY = ScoredFields.IS_ANOMALY;
    /** {@code scored}, {@code warming_up} or {@code rejected: ...}. */
    public static final String STATUS = "status";
    /** The status of a row the model scored. */
    public static final String SCORED = "scored";
    /** The alert rules that turned the model's anomaly into a normal row; empty when none did. */
    public static final String SUPPRESSED_BY = ScoredFields.SUPPRESSED_BY;
    private static final int REPORTED_ROWS = 10;

    private final Consumer<String> warnings;

    /** @param warnings receives a line per unreadable row (the first ten) and a count of the rest */
    public ScoredCsvReader(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /**
     * Reads every row of {@code file} into {@code accumulator}.
     *
     * @throws ExitException when the file is missing, unreadable, or lacks a required column
     */
    public SourceSummary read(Path file, EvaluationAccumulator accumulator) {
        return read(file, accumulator, Optional.empty());
    }

    /**
     * Reads every row of {@code file} into {@code accumulator}, and into the alert preview (every row as ground
     * truth, the flagged ones as the anomalies the alerter would read) when there is one.
     *
     * @throws ExitException when the file is missing, unreadable, or lacks a required column
     */
    public SourceSummary read(Path file, EvaluationAccumulator accumulator, Optional<AlertPreview> preview) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(reader)) {
            Columns columns = Columns.of(file, parser.getHeaderNames());
            ScoredRowAnomaly anomalies = null;
            if (preview.isPresent()) {
                try {
                    anomalies = new ScoredRowAnomaly(parser.getHeaderNames(), columns.isAnomaly);
                    if (!anomalies.hasShares()) {
                        preview.get().sharesUnknown();
                    }
                } catch (IllegalArgumentException e) {
                    throw ExitException.failure(file + ": " + e.getMessage());
                }
            }
            long unreadable = 0;
            long unreadableAnomalies = 0;
            Map<String, Integer> hostPartitions = new HashMap<>();
            for (CSVRecord row : parser) {
                Instant timestamp;
                String time = columns.cell(row, columns.timestamp);
                try {
                    timestamp = Timestamps.parse(time);
                } catch (IllegalArgumentException e) {
                    unreadable++;
                    if (unreadable <= REPORTED_ROWS) {
                        warnings.accept(file + " line " + parser.getCurrentLineNumber() + ": timestamp '" + time
                                + "' is not a timestamp; row skipped");
                    }
                    continue;
                }
                String host = HostField.resolve(null, columns.host < 0 ? null : columns.cell(row, columns.host));
                String label = columns.cell(row, columns.label);
                String episode = columns.cell(row, columns.episode);
                preview.ifPresent(alerts -> alerts.event(host, timestamp, label, episode));
                if (columns.status >= 0 && !columns.cell(row, columns.status).equalsIgnoreCase(SCORED)) {
                    accumulator.addNotScored(host, timestamp, label, episode);
                } else if (columns.suppressedBy >= 0 && !columns.cell(row, columns.suppressedBy).isBlank()) {
                    accumulator.addSuppressed(host, timestamp, label, episode);
                } else {
                    boolean flagged = columns.cell(row, columns.isAnomaly).equalsIgnoreCase("true");
                    accumulator.add(host, timestamp, label, episode, flagged);
                    if (flagged && anomalies != null) {
                        try {
                            // A partition per host: each host's rows in the file's order, the hosts merged by time.
                            int partition = hostPartitions.computeIfAbsent(host, h -> hostPartitions.size());
                            preview.get().anomaly(anomalies.read(row, host, timestamp),
                                    new SourcePosition(partition, row.getRecordNumber()));
                        } catch (IllegalArgumentException e) {
                            preview.get().unreadable();
                            unreadableAnomalies++;
                            if (unreadableAnomalies <= REPORTED_ROWS) {
                                warnings.accept(file + " line " + parser.getCurrentLineNumber() + ": flagged, but not "
                                        + "an anomaly the alerter reads (" + e.getMessage() + "); left out of the alerts");
                            }
                        }
                    }
                }
            }
            if (unreadableAnomalies > REPORTED_ROWS) {
                warnings.accept(String.format(Locale.ROOT, "%,d more flagged rows left out of the alerts",
                        unreadableAnomalies - REPORTED_ROWS));
            }
            if (unreadable > REPORTED_ROWS) {
                warnings.accept(String.format(Locale.ROOT, "%,d more rows skipped (unreadable timestamp)",
                        unreadable - REPORTED_ROWS));
            }
            return new SourceSummary(file.toString(), unreadable, 0);
        } catch (NoSuchFileException e) {
            throw ExitException.failure(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw ExitException.failure(file + ": " + e.getMessage(), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw ExitException.failure(file + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    /** Where the columns the evaluation reads are; -1 for an optional column that is absent. */
    private record Columns(int timestamp, int host, int label, int episode, int isAnomaly, int status,
                           int suppressedBy) {
        static Columns of(Path file, List<String> header) {
            int label = CsvHeader.indexOf(header, MetricFields.LABEL);
            int episode = CsvHeader.indexOf(header, MetricFields.EPISODE);
            if (label < 0 || episode < 0) {
                throw ExitException.failure(file + ": no " + (label < 0 ? MetricFields.LABEL : MetricFields.EPISODE)
                        + " column, so there is no ground truth to evaluate against (columns: "
                        + String.join(",", header) + ")");
            }
            // The last verdict: a CSV scored twice holds both, and the later scoring is the one to judge.
            int isAnomaly = CsvHeader.lastIndexOf(header, IS_ANOMALY);
            if (isAnomaly < 0) {
                throw ExitException.failure(file + ": no " + IS_ANOMALY + " column; score the file first with "
                        + "'anomaly detect --input FILE --output scored.csv'");
            }
            int timestamp = CsvHeader.indexOf(header, MetricFields.TIMESTAMP);
            // Without a host column every row is the one series detect named "default".
            int host = CsvHeader.indexOf(header, MetricFields.HOST);
            if (timestamp < 0) {
                throw ExitException.failure(file + ": no " + MetricFields.TIMESTAMP
                        + " column, which episodes and delays need");
            }
            return new Columns(timestamp, host, label, episode, isAnomaly, CsvHeader.indexAfter(header, isAnomaly, STATUS),
                    CsvHeader.indexAfter(header, isAnomaly, SUPPRESSED_BY));
        }

        /** The cell, or "" when the row is short. */
        String cell(CSVRecord row, int column) {
            return column < row.size() ? row.get(column) : "";
        }
    }
}
