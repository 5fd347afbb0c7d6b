package dev.anomaly.evaluator.source;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.FeatureValue;
import dev.anomaly.common.event.TypicalRange;
import dev.anomaly.common.event.CsvHeader;
import dev.anomaly.common.event.ScoredFields;
import dev.anomaly.common.event.Severity;
import dev.anomaly.common.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.csv.CSVRecord;

/**
 * A flagged row of a scored CSV as the alerter would read its record on the anomalies topic: severity,
 * confidence, error, threshold, the model's features with their values, expected values, typical ranges and
 * shares of the error, {@code anomalous_since} and the model version. Detect's columns are found around its
 * last {@code is_anomaly} (a CSV scored twice holds both scorings; the last one counts). A CSV from before
 * detect wrote {@code share_F} and {@code model_version} reads with shares of 0 (messages then name and mark
 * no feature) and the model {@code unknown}.
 */
final class ScoredRowAnomaly {
    private static final String EXPECTED = "expected_";
    private static final String SHARE = "share_";
    private static final String UNKNOWN_MODEL = "unknown";

    private final int error;
    private final int threshold;
    private final int confidence;
    private final int severity;
    private final int anomalousSince;
    private final int modelVersion;
    private final List<FeatureColumns> features = new ArrayList<>();

    /**
     * @param isAnomaly the column of detect's verdict: its other columns are found around it (the last
     *     {@code severity} before it, the {@code expected_F} columns after it)
     * @throws IllegalArgumentException when the file lacks a column the alerter needs
     */
    ScoredRowAnomaly(List<String> header, int isAnomaly) {
        error = required(header, isAnomaly, ScoredFields.ERROR);
        threshold = required(header, isAnomaly, ScoredFields.THRESHOLD);
        confidence = required(header, isAnomaly, ScoredFields.CONFIDENCE);
        severity = required(header, isAnomaly, ScoredFields.SEVERITY);
        anomalousSince = CsvHeader.indexAfter(header, isAnomaly, ScoredFields.ANOMALOUS_SINCE);
        modelVersion = CsvHeader.indexAfter(header, isAnomaly, ScoredFields.MODEL_VERSION);
        for (int c = isAnomaly + 1; c < header.size(); c++) {
            String name = header.get(c);
            String trimmed = name.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith(EXPECTED) && trimmed.length() > EXPECTED.length()) {
                String feature = trimmed.substring(EXPECTED.length());
                features.add(new FeatureColumns(feature, CsvHeader.indexOf(header, feature), c,
                        CsvHeader.indexAfter(header, isAnomaly, "typical_low_" + feature),
                        CsvHeader.indexAfter(header, isAnomaly, "typical_high_" + feature),
                        CsvHeader.indexAfter(header, isAnomaly, SHARE + feature)));
            }
        }
    }

    /** Whether the file carries the features' shares of the error ({@code share_F}, from detect since they exist). */
    boolean hasShares() {
        return features.stream().anyMatch(feature -> feature.share() >= 0);
    }

    /**
     * The row's anomaly.
     *
     * @throws IllegalArgumentException with a short reason when the row is not an anomaly the alerter reads
     */
    Anomaly read(CSVRecord row, String host, Instant timestamp) {
        List<FeatureValue> values = new ArrayList<>(features.size());
        for (FeatureColumns feature : features) {
            OptionalDouble low = number(row, feature.typicalLow());
            OptionalDouble high = number(row, feature.typicalHigh());
            Optional<TypicalRange> typical = low.isPresent() && high.isPresent()
                    && low.getAsDouble() <= high.getAsDouble()
                    ? Optional.of(new TypicalRange(low.getAsDouble(), high.getAsDouble())) : Optional.empty();
            double share = number(row, feature.share()).orElse(0);
            values.add(new FeatureValue(feature.name(), share >= 0 ? share : 0, number(row, feature.value()),
                    number(row, feature.expected()), typical));
        }
        // Largest share first, as the alerter orders a record's contributions.
        values.sort(Comparator.comparingDouble(FeatureValue::share).reversed());
        String model = cell(row, modelVersion);
        return new Anomaly(host, timestamp, Severity.ofAnomaly(cell(row, severity)), requiredNumber(row, confidence,
                "confidence"), requiredNumber(row, error, "error"), requiredNumber(row, threshold, "threshold"), values,
                model.isBlank() ? UNKNOWN_MODEL : model, since(cell(row, anomalousSince)));
    }

    /** Detect's column {@code name}: the last one before its {@code is_anomaly}. */
    private static int required(List<String> header, int isAnomaly, String name) {
        int column = -1;
        for (int c = isAnomaly - 1; c >= 0 && column < 0; c--) {
            column = header.get(c).trim().equalsIgnoreCase(name) ? c : -1;
        }
        if (column < 0) {
            throw new IllegalArgumentException("no " + name + " column, which the alerts need; score the file with "
                    + "'anomaly detect --input FILE --output scored.csv'");
        }
        return column;
    }

    private static Instant since(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // Extra, as on the topic: an unreadable start is as if absent.
            return null;
        }
    }

    private static double requiredNumber(CSVRecord row, int column, String name) {
        OptionalDouble value = number(row, column);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("no number in " + name);
        }
        return value.getAsDouble();
    }

    private static OptionalDouble number(CSVRecord row, int column) {
        String text = cell(row, column);
        if (text.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String cell(CSVRecord row, int column) {
        return column >= 0 && column < row.size() ? row.get(column) : "";
    }

    private record FeatureColumns(String name, int value, int expected, int typicalLow, int typicalHigh, int share) {
    }
}
