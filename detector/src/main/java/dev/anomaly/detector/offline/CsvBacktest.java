package dev.anomaly.detector.offline;

import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.alerting.rules.Suppression;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.event.CsvHeader;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.event.ScoredEventJson;
import dev.anomaly.common.event.ScoredFields;
import dev.anomaly.common.event.WireNumbers;
import dev.anomaly.common.time.Timestamps;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.Detector;
import dev.anomaly.detector.core.Outcome;
import dev.anomaly.detector.rules.BoundRules;
import dev.anomaly.detector.state.HostWindows;
import dev.anomaly.detector.state.LikelihoodSettings;
import dev.anomaly.detector.state.TypicalLimits;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.OnlineLearning;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.TimedSample;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Scores a CSV with the same model and code path as the stream, without Kafka: every input row is written
 * with its columns plus {@code error, threshold, confidence, severity, is_anomaly, status}. Rows that
 * cannot be scored stay in the output (empty error, {@code is_anomaly=false}, the reason in
 * {@code status}) and are reported with their line numbers.
 */
public final class CsvBacktest {
    /** Columns added to every row. */
    public static final List<String> ADDED_COLUMNS = List.of(ScoredFields.ERROR, ScoredFields.THRESHOLD,
            ScoredFields.CONFIDENCE, ScoredFields.SEVERITY, ScoredFields.IS_ANOMALY, "status",
            ScoredFields.LIKELIHOOD, ScoredFields.RAW_ERROR, ScoredFields.SUPPRESSED_BY,
            ScoredFields.ANOMALOUS_SINCE, ScoredFields.MODEL_VERSION);
    /** Then one column per feature: the value the model expected (empty when it gives none). */
    public static final String EXPECTED_PREFIX = "expected_";
    /** Then per feature the host's typical range before the row: its 5th and its 95th percentile. */
    public static final String TYPICAL_LOW_PREFIX = "typical_low_";
    public static final String TYPICAL_HIGH_PREFIX = "typical_high_";
    /** Then per feature its share of the row's error, 0 to 1, as the JSON's contributions (empty when not scored). */
    public static final String SHARE_PREFIX = "share_";
    private static final int BATCH = 4096;
    private static final int REPORTED_LINES = 10;

    private final LoadedModel model;
    private final Duration hostIdleTimeout;
    private final HostField hostField;
    private final LikelihoodSettings likelihood;
    private final OnlineLearning learning;
    private final Consumer<String> warnings;
    private final BoundRules rules;
    /** Whether a host's --for is a span of event time. */
    private final boolean spansTime;

    /**
     * @param likelihood how each host's likelihood is judged, or null to judge by the model's threshold
     * @param learning how an autoencoder keeps learning from the rows, or null: it does not
     * @param rules which departures from what the model expected count towards an anomaly
     * @param hostField the host column (a row without one, or with it empty, is the default series)
     * @param warnings receives a line per rejected row (the first ten) and a count of the rest
     */
    public CsvBacktest(LoadedModel model, Duration hostIdleTimeout, LikelihoodSettings likelihood,
                       OnlineLearning learning, AlertRules rules, HostField hostField, Consumer<String> warnings) {
        rules.requireKnown(model.metadata().version(), model.metadata().spec().features());
        this.model = model;
        this.rules = BoundRules.bind(rules, model.metadata().spec().features());
        this.spansTime = rules.spansTime();
        this.hostField = hostField;
        this.hostIdleTimeout = hostIdleTimeout;
        this.likelihood = likelihood;
        this.learning = learning;
        this.warnings = warnings;
        String notLearning = learning == null ? null : OnlineLearning.whyNot(model);
        if (notLearning != null) {
            warnings.accept(notLearning);
        }
    }

    public BacktestReport run(Path input, Appendable output) {
        ModelMetadata metadata = model.metadata();
        List<String> features = metadata.spec().features();
        try (Reader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            int[] featureColumns = new int[features.size()];
            for (int f = 0; f < features.size(); f++) {
                featureColumns[f] = header.indexOf(features.get(f));
                if (featureColumns[f] < 0) {
                    throw ExitException.failure(input + ": no column '" + features.get(f) + "', which model "
                            + metadata.version() + " reads (columns: " + String.join(",", header) + ")");
                }
            }
            int timeColumn = CsvHeader.indexOf(header, MetricFields.TIMESTAMP);
            int hostColumn = CsvHeader.indexOf(header, hostField.path());
            if (metadata.layout().needsTime() && timeColumn < 0) {
                throw ExitException.failure(input + ": no timestamp column, and model " + metadata.version()
                        + " uses time-of-cycle inputs");
            }
            if (spansTime && timeColumn < 0) {
                throw ExitException.failure(input + ": no timestamp column, and a --for of the command line or "
                        + "of --rules is a span of event time; give a number of events instead (--for 3)");
            }
            List<String> outputHeader = new ArrayList<>(header);
            outputHeader.addAll(ADDED_COLUMNS);
            features.forEach(feature -> outputHeader.add(EXPECTED_PREFIX + feature));
            features.forEach(feature -> outputHeader.add(TYPICAL_LOW_PREFIX + feature));
            features.forEach(feature -> outputHeader.add(TYPICAL_HIGH_PREFIX + feature));
            features.forEach(feature -> outputHeader.add(SHARE_PREFIX + feature));
            CSVPrinter printer = new CSVPrinter(output, CSVFormat.DEFAULT.builder()
                    .setHeader(outputHeader.toArray(String[]::new)).setRecordSeparator('\n').get());
            Scoring scoring = new Scoring(metadata, featureColumns, timeColumn, hostColumn, printer, input);
            List<CSVRecord> rows = new ArrayList<>(BATCH);
            List<Long> lines = new ArrayList<>(BATCH);
            for (CSVRecord row : parser) {
                rows.add(row);
                lines.add(parser.getCurrentLineNumber());
                if (rows.size() == BATCH) {
                    scoring.flush(rows, lines);
                }
            }
            scoring.flush(rows, lines);
            printer.flush();
            if (scoring.rejected > REPORTED_LINES) {
                warnings.accept(String.format(Locale.ROOT, "%,d more rows could not be scored", scoring.rejected
                        - REPORTED_LINES));
            }
            return new BacktestReport(scoring.total, scoring.scored, scoring.anomalies, scoring.warmingUp,
                    scoring.rejected, scoring.suppressed);
        } catch (NoSuchFileException e) {
            throw ExitException.failure(input + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw ExitException.failure(input + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw ExitException.failure(input + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    /** Batches rows through the detector and prints them with the scores. */
    private final class Scoring {
        private final ModelMetadata metadata;
        private final int[] featureColumns;
        private final int timeColumn;
        private final int hostColumn;
        private final CSVPrinter printer;
        private final Path input;
        private final Detector detector;
        private final DetectionBatch batch;
        private long total;
        private long scored;
        private long anomalies;
        private long warmingUp;
        private long rejected;
        private long suppressed;

        Scoring(ModelMetadata metadata, int[] featureColumns, int timeColumn, int hostColumn, CSVPrinter printer,
                Path input) {
            this.metadata = metadata;
            this.featureColumns = featureColumns;
            this.timeColumn = timeColumn;
            this.hostColumn = hostColumn;
            this.printer = printer;
            this.input = input;
            this.detector = new Detector(model, new HostWindows(metadata.spec(), hostIdleTimeout, likelihood,
                    metadata.hostBaselines(), TypicalLimits.of(metadata), rules.needsRuns()), learning);
            this.batch = new DetectionBatch(featureColumns.length);
        }

        void flush(List<CSVRecord> rows, List<Long> lines) throws IOException {
            batch.reset(rows.size());
            for (CSVRecord row : rows) {
                decode(row);
            }
            detector.score(batch);
            rules.apply(batch);
            for (int slot = 0; slot < rows.size(); slot++) {
                print(rows.get(slot), slot, lines.get(slot));
            }
            rows.clear();
            lines.clear();
        }

        private void decode(CSVRecord row) {
            double[] values = new double[featureColumns.length];
            for (int f = 0; f < featureColumns.length; f++) {
                String cell = featureColumns[f] < row.size() ? row.get(featureColumns[f]).trim() : "";
                if (cell.isEmpty()) {
                    batch.addRejected(0, RejectReason.MISSING_FEATURE, metadata.spec().features().get(f));
                    return;
                }
                try {
                    values[f] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    batch.addRejected(0, RejectReason.NOT_A_NUMBER, metadata.spec().features().get(f) + "='"
                            + cell + "'");
                    return;
                }
                if (!Double.isFinite(values[f])) {
                    batch.addRejected(0, RejectReason.NON_FINITE, metadata.spec().features().get(f) + "=" + cell);
                    return;
                }
            }
            long time = TimedSample.NO_TIME;
            if (timeColumn >= 0) {
                try {
                    time = Timestamps.parse(row.get(timeColumn)).toEpochMilli();
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    batch.addRejected(0, RejectReason.BAD_TIMESTAMP, "timestamp '" + (timeColumn < row.size()
                            ? row.get(timeColumn) : "") + "'");
                    return;
                }
            }
            String host = HostField.resolve(null, hostColumn >= 0 && hostColumn < row.size() ? row.get(hostColumn) : null);
            int slot = batch.addValid(host, 0, time);
            System.arraycopy(values, 0, batch.values(slot), 0, values.length);
        }

        private void print(CSVRecord row, int slot, long line) throws IOException {
            List<String> cells = new ArrayList<>(row.toList());
            Outcome outcome = batch.outcome(slot);
            total++;
            if (outcome == Outcome.NORMAL || outcome == Outcome.ANOMALY) {
                cells.add(WireNumbers.digits(batch.error(slot)));
                cells.add(WireNumbers.digits(batch.threshold(slot)));
                cells.add(WireNumbers.digits(batch.confidence(slot)));
                cells.add(ScoredEventJson.severity(batch.asScoredSlots(), slot));
                cells.add(Boolean.toString(outcome == Outcome.ANOMALY));
                cells.add("scored");
                double likelihood = batch.likelihood(slot);
                cells.add(Double.isNaN(likelihood) ? "" : WireNumbers.likelihood(likelihood));
                cells.add(WireNumbers.digits(batch.error(slot)));
                cells.add(String.join(" ", Suppression.names(batch.suppressedBy(slot))));
                suppressed += batch.suppressedBy(slot) != 0 ? 1 : 0;
                long since = batch.anomalousSince(slot);
                cells.add(since == DetectionBatch.NO_TIME ? "" : java.time.Instant.ofEpochMilli(since).toString());
                cells.add(metadata.version());
                scored++;
                if (outcome == Outcome.ANOMALY) {
                    anomalies++;
                }
            } else {
                cells.add("");
                cells.add(WireNumbers.digits(metadata.threshold()));
                cells.add("");
                cells.add(ScoredFields.UNSCORED);
                cells.add("false");
                if (outcome == Outcome.WARMING_UP) {
                    cells.add("warming_up");
                    warmingUp++;
                } else {
                    cells.add("rejected: " + batch.reason(slot).code() + " (" + batch.detail(slot) + ")");
                    rejected++;
                    if (rejected <= REPORTED_LINES) {
                        warnings.accept(input + " line " + line + ": " + batch.reason(slot).description() + " ("
                                + batch.detail(slot) + ")");
                    }
                }
                cells.add("");
                cells.add("");
                cells.add("");
                cells.add("");
                cells.add(metadata.version());
            }
            for (int f = 0; f < featureColumns.length; f++) {
                cells.add(cell(batch.perFeature().expected(slot, f)));
            }
            for (int f = 0; f < featureColumns.length; f++) {
                cells.add(cell(batch.perFeature().typicalLow(slot, f)));
            }
            for (int f = 0; f < featureColumns.length; f++) {
                cells.add(cell(batch.perFeature().typicalHigh(slot, f)));
            }
            boolean scoredRow = outcome == Outcome.NORMAL || outcome == Outcome.ANOMALY;
            for (int f = 0; f < featureColumns.length; f++) {
                cells.add(scoredRow ? WireNumbers.share(batch.perFeature().share(slot, f)) : "");
            }
            printer.printRecord(cells);
        }
    }

    /** A number as the JSON output writes it; empty when there is none. */
    private static String cell(double value) {
        return Float.isFinite((float) value) ? WireNumbers.digits(value) : "";
    }
}
