package dev.anomaly.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.common.time.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the records {@code anomaly detect} writes to the anomalies topic: the metric event's fields plus
 * error, threshold, confidence, severity, contributions, the expected values and typical ranges (when the
 * record has them) and model version. Thread-safe.
 */
public final class AnomalyJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String UNKNOWN_MODEL = "unknown";

    private AnomalyJson() {
    }

    /**
     * Parses one record value.
     *
     * @throws IllegalArgumentException with a short reason when the bytes are not an anomaly
     */
    public static Anomaly parse(byte[] bytes) {
        return parse(bytes, null, null);
    }

    /**
     * Parses one record value; a missing {@code host} or a missing or unreadable {@code timestamp} is taken
     * from the record itself (its key, its timestamp) before the record is given up as unreadable.
     *
     * @param key the record's key, or null
     * @param recordTime the record's timestamp, or null when it has none
     * @throws IllegalArgumentException with a short reason when the bytes are not an anomaly
     */
    public static Anomaly parse(byte[] bytes, String key, Instant recordTime) {
        if (bytes == null) {
            throw new IllegalArgumentException("empty record (tombstone)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Instant timestamp = timestamp(node, recordTime);
        List<FeatureValue> features = features(node);
        String modelVersion = node.hasNonNull(ScoredFields.MODEL_VERSION)
                ? node.get(ScoredFields.MODEL_VERSION).asText() : UNKNOWN_MODEL;
        return new Anomaly(host(node, key), timestamp, Severity.ofAnomaly(text(node, ScoredFields.SEVERITY)),
                number(node, ScoredFields.CONFIDENCE), number(node, ScoredFields.ERROR),
                number(node, ScoredFields.THRESHOLD), features, modelVersion,
                since(node.get(ScoredFields.ANOMALOUS_SINCE)));
    }

    /** {@code anomalous_since} ({@code detect --for}); extra, so an unreadable one is as if absent. */
    private static Instant since(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return Timestamps.parse(value.asText());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static String host(JsonNode node, String key) {
        JsonNode host = node.get("host");
        if (host != null && host.isValueNode() && !host.isNull() && !host.asText().isBlank()) {
            return host.asText();
        }
        if (key != null && !key.isBlank()) {
            return key;
        }
        throw new IllegalArgumentException("missing field host, and the record has no key");
    }

    private static Instant timestamp(JsonNode node, Instant recordTime) {
        JsonNode value = node.get("timestamp");
        if (value != null && value.isValueNode() && !value.isNull()) {
            try {
                return Timestamps.parse(value.asText());
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                if (recordTime == null) {
                    throw new IllegalArgumentException("unreadable timestamp, and the record has none: "
                            + e.getMessage());
                }
            }
        }
        if (recordTime == null) {
            throw new IllegalArgumentException("missing field timestamp, and the record has none");
        }
        return recordTime;
    }

    private static List<FeatureValue> features(JsonNode node) {
        JsonNode contributions = node.get(ScoredFields.CONTRIBUTIONS);
        if (contributions == null || !contributions.isArray()) {
            throw new IllegalArgumentException("missing array contributions");
        }
        JsonNode expectedValues = node.get(ScoredFields.EXPECTED);
        JsonNode typicalRanges = node.get(ScoredFields.TYPICAL);
        List<FeatureValue> features = new ArrayList<>();
        for (JsonNode contribution : contributions) {
            String feature = text(contribution, "feature");
            features.add(new FeatureValue(feature, number(contribution, "share"), finite(node.get(feature)),
                    expectedValues != null && expectedValues.isObject() ? finite(expectedValues.get(feature))
                            : OptionalDouble.empty(),
                    typicalRanges != null && typicalRanges.isObject() ? range(typicalRanges.get(feature))
                            : Optional.empty()));
        }
        // The contract orders them already; sorting keeps the display right if a producer does not.
        features.sort(Comparator.comparingDouble(FeatureValue::share).reversed());
        return features;
    }

    /** {@code [low, high]} of two finite numbers, low first; else nothing (a range is extra, never a reason to drop). */
    private static Optional<TypicalRange> range(JsonNode value) {
        if (value == null || !value.isArray() || value.size() != 2) {
            return Optional.empty();
        }
        OptionalDouble low = finite(value.get(0));
        OptionalDouble high = finite(value.get(1));
        return low.isPresent() && high.isPresent() && low.getAsDouble() <= high.getAsDouble()
                ? Optional.of(new TypicalRange(low.getAsDouble(), high.getAsDouble())) : Optional.empty();
    }

    /** A finite number, else nothing (a missing field, null, a string, or a number too large for a double). */
    private static OptionalDouble finite(JsonNode value) {
        return value != null && value.isNumber() && Double.isFinite(value.doubleValue())
                ? OptionalDouble.of(value.doubleValue()) : OptionalDouble.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("missing number " + field);
        }
        return value.doubleValue();
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
