package dev.anomaly.common.chart;

import dev.anomaly.common.event.CsvHeader;
import dev.anomaly.common.event.ScoredFields;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One PNG per host from a scored CSV ({@code detect --input … --output}): its features (the columns with an
 * {@code expected_F} column), expected values, typical ranges, flags ({@code is_anomaly} of rows
 * {@code scored}) and, when the file has a {@code label} column, its labelled episodes. Only the hosts with
 * the most flagged events are drawn, so a fleet's backtest gives a folder one can look through.
 */
public final class ScoredCsvCharts {
    /** How many hosts are drawn unless told otherwise: the worst ones. */
    public static final int DEFAULT_HOSTS = 10;
    private static final String EXPECTED = "expected_";

    private ScoredCsvCharts() {
    }

    /** A chart written: whose, and where. */
    public record Chart(String host, Path file, int events, int flagged) {
    }

    /**
     * Writes {@code DIR/HOST.png} for the {@code hosts} hosts with the most flagged events (then by name). Reads
     * the file twice: once to count each host's flags, once to keep the rows of the hosts drawn, so the memory
     * it needs grows with those hosts, not with the file.
     *
     * @param hostColumn the host column (rows without one are the series {@code default})
     * @return the charts written, the most flagged host first; empty when the file has no rows
     * @throws IllegalArgumentException one line, when the file is not a scored CSV
     * @throws IOException when it cannot be read or a chart cannot be written
     */
    public static List<Chart> write(Path scoredCsv, Path dir, int hosts, String hostColumn) throws IOException {
        if (hosts < 1) {
            throw new IllegalArgumentException("charts of at least 1 host, got " + hosts);
        }
        Map<String, Integer> flagsPerHost = new HashMap<>();
        scan(scoredCsv, hostColumn, (columns, record, host) -> flagsPerHost.merge(host,
                columns.flagged(record) ? 1 : 0, Integer::sum));
        Set<String> drawn = flagsPerHost.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(hosts).map(Map.Entry::getKey).collect(Collectors.toSet());
        List<HostSeries> series = read(scoredCsv, hostColumn, drawn::contains);
        series.sort(Comparator.comparingInt(HostSeries::anomalies).reversed().thenComparing(HostSeries::host));
        if (!series.isEmpty()) {
            Files.createDirectories(dir);
        }
        HostChart chart = new HostChart();
        List<Chart> written = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (HostSeries host : series) {
            Path file = dir.resolve(fileName(host.host(), names));
            if (!ImageIO.write(chart.render(host), "png", file.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
            written.add(new Chart(host.host(), file, host.size(), host.anomalies()));
        }
        return written;
    }

    /** Every host's series, in the order hosts first appear. */
    public static List<HostSeries> read(Path scoredCsv, String hostColumn) throws IOException {
        return read(scoredCsv, hostColumn, host -> true);
    }

    private static List<HostSeries> read(Path scoredCsv, String hostColumn, Predicate<String> wanted)
            throws IOException {
        Map<String, HostSeries> byHost = new LinkedHashMap<>();
        float[][] row = new float[1][];
        scan(scoredCsv, hostColumn, (columns, record, host) -> {
            if (!wanted.test(host)) {
                return;
            }
            if (row[0] == null) {
                row[0] = new float[4 * columns.features.size()];
            }
            for (int f = 0; f < columns.features.size(); f++) {
                int[] at = columns.featureColumns[f];
                for (int k = 0; k < 4; k++) {
                    row[0][4 * f + k] = number(cell(record, at[k]));
                }
            }
            byHost.computeIfAbsent(host, h -> new HostSeries(h, columns.features)).add(
                    columns.time < 0 ? null : cell(record, columns.time), row[0], columns.flagged(record),
                    columns.label < 0 ? null : cell(record, columns.label));
        });
        return new ArrayList<>(byHost.values());
    }

    /** Hands every row, with its host, to {@code rows}. */
    private static void scan(Path scoredCsv, String hostColumn, RowSink rows) throws IOException {
        try (Reader reader = Files.newBufferedReader(scoredCsv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(reader)) {
            Columns columns = Columns.of(scoredCsv, parser.getHeaderNames(), hostColumn);
            for (CSVRecord record : parser) {
                String host = columns.host < 0 ? "" : cell(record, columns.host);
                rows.row(columns, record, host.isBlank() ? "default" : host);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(scoredCsv + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    /** One row of a scan. */
    @FunctionalInterface
    private interface RowSink {
        void row(Columns columns, CSVRecord record, String host);
    }

    private static String cell(CSVRecord record, int column) {
        return column >= 0 && column < record.size() ? record.get(column) : "";
    }

    private static float number(String cell) {
        if (cell.isBlank()) {
            return Float.NaN;
        }
        try {
            return Float.parseFloat(cell);
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    /** The host as a file name: letters, digits, '.', '-' and '_' kept, the rest '_'; unique in the folder. */
    static String fileName(String host, Set<String> taken) {
        String base = host.replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.isEmpty() || base.startsWith(".") ? "_" + base : base;
        base = base.length() > 100 ? base.substring(0, 100) : base;
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = base + "-" + n;
        }
        return name + ".png";
    }

    /**
     * Where the columns a chart reads are; -1 for an absent optional one. detect appends its columns after the
     * input's without renaming them, so its verdict is the last {@code is_anomaly} (an input of its own, or a
     * CSV scored twice, has another before it), its expected values the {@code expected_F} columns after that,
     * and the features the input columns before it.
     */
    private record Columns(List<String> features, int[][] featureColumns, int host, int time, int isAnomaly,
                           int status, int label) {
        static Columns of(Path file, List<String> header, String hostColumn) {
            int isAnomaly = CsvHeader.lastIndexOf(header, ScoredFields.IS_ANOMALY);
            List<String> features = new ArrayList<>();
            List<int[]> at = new ArrayList<>();
            for (int c = isAnomaly + 1; isAnomaly >= 0 && c < header.size(); c++) {
                String column = header.get(c);
                String feature = column.startsWith(EXPECTED) ? column.substring(EXPECTED.length()) : null;
                int value = feature == null ? -1 : header.subList(0, isAnomaly).indexOf(feature);
                if (value >= 0 && !features.contains(feature)) {
                    features.add(feature);
                    at.add(new int[] {value, c, CsvHeader.indexAfter(header, isAnomaly, "typical_low_" + feature),
                        CsvHeader.indexAfter(header, isAnomaly, "typical_high_" + feature)});
                }
            }
            if (features.isEmpty()) {
                throw new IllegalArgumentException(file + ": not a scored CSV (no is_anomaly, or no feature with "
                        + "an expected_ column after it); write one with 'anomaly detect --input FILE --output "
                        + "scored.csv'");
            }
            List<String> input = header.subList(0, isAnomaly);
            return new Columns(features, at.toArray(int[][]::new), CsvHeader.indexOf(input, hostColumn),
                    CsvHeader.indexOf(input, "timestamp"), isAnomaly,
                    CsvHeader.indexAfter(header, isAnomaly, "status"), CsvHeader.indexOf(input, "label"));
        }

        /** Scored (not warming up or rejected) and flagged by detect. */
        boolean flagged(CSVRecord record) {
            return cell(record, isAnomaly).equalsIgnoreCase("true")
                    && (status < 0 || cell(record, status).equalsIgnoreCase("scored"));
        }
    }
}
