package dev.anomaly.common.chart;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
     * Writes {@code DIR/HOST.png} for the {@code hosts} hosts with the most flagged events (then by name).
     *
     * @param hostColumn the host column (rows without one are the series {@code default})
     * @throws IllegalArgumentException one line, when the file is not a scored CSV
     * @throws IOException when it cannot be read or a chart cannot be written
     */
    public static List<Chart> write(Path scoredCsv, Path dir, int hosts, String hostColumn) throws IOException {
        if (hosts < 1) {
            throw new IllegalArgumentException("charts of at least 1 host, got " + hosts);
        }
        List<HostSeries> series = read(scoredCsv, hostColumn);
        series.sort(Comparator.comparingInt(HostSeries::anomalies).reversed().thenComparing(HostSeries::host));
        Files.createDirectories(dir);
        HostChart chart = new HostChart();
        List<Chart> written = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (HostSeries host : series.subList(0, Math.min(hosts, series.size()))) {
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
        try (Reader reader = Files.newBufferedReader(scoredCsv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            Columns columns = Columns.of(scoredCsv, header, hostColumn);
            Map<String, HostSeries> byHost = new LinkedHashMap<>();
            float[] row = new float[4 * columns.features.size()];
            for (CSVRecord record : parser) {
                String host = columns.host < 0 ? "" : cell(record, columns.host);
                host = host.isBlank() ? "default" : host;
                for (int f = 0; f < columns.features.size(); f++) {
                    int[] at = columns.featureColumns[f];
                    for (int k = 0; k < 4; k++) {
                        row[4 * f + k] = number(cell(record, at[k]));
                    }
                }
                boolean flagged = cell(record, columns.isAnomaly).equalsIgnoreCase("true")
                        && (columns.status < 0 || cell(record, columns.status).equalsIgnoreCase("scored"));
                String name = host;
                byHost.computeIfAbsent(name, h -> new HostSeries(h, columns.features)).add(
                        columns.time < 0 ? null : cell(record, columns.time), row, flagged,
                        columns.label < 0 ? null : cell(record, columns.label));
            }
            if (byHost.isEmpty()) {
                throw new IllegalArgumentException(scoredCsv + ": no rows to draw");
            }
            return new ArrayList<>(byHost.values());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(scoredCsv + ": malformed CSV: " + e.getMessage(), e);
        }
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

    /** Where the columns a chart reads are; -1 for an absent optional one. */
    private record Columns(List<String> features, int[][] featureColumns, int host, int time, int isAnomaly,
                           int status, int label) {
        static Columns of(Path file, List<String> header, String hostColumn) {
            List<String> features = new ArrayList<>();
            List<int[]> at = new ArrayList<>();
            for (String column : header) {
                String feature = column.startsWith(EXPECTED) ? column.substring(EXPECTED.length()) : null;
                if (feature != null && header.contains(feature)) {
                    features.add(feature);
                    at.add(new int[] {header.indexOf(feature), header.indexOf(column),
                        header.indexOf("typical_low_" + feature), header.indexOf("typical_high_" + feature)});
                }
            }
            int isAnomaly = header.indexOf("is_anomaly");
            if (features.isEmpty() || isAnomaly < 0) {
                throw new IllegalArgumentException(file + ": not a scored CSV (no is_anomaly, or no feature with "
                        + "an expected_ column); write one with 'anomaly detect --input FILE --output scored.csv'");
            }
            return new Columns(features, at.toArray(int[][]::new), indexIgnoringCase(header, hostColumn),
                    indexIgnoringCase(header, "timestamp"), isAnomaly, header.indexOf("status"),
                    header.indexOf("label"));
        }

        private static int indexIgnoringCase(List<String> header, String name) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
