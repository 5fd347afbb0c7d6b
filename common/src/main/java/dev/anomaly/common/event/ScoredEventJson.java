package dev.anomaly.common.event;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The detector's output record: the original event, byte for byte, with the detector's fields appended
 * before its closing brace (no re-serialisation of the event on the hot path):
 * {@code error, raw_error, threshold, confidence, likelihood, severity, is_anomaly, contributions, expected
 * and typical (when known), suppressed_by (when an alert rule did not let its anomaly stand), anomalous_since
 * (an anomaly that stood after {@code --for}), model_version, detected_at}.
 * A record that already has one of those fields is rewritten through a tree so no field appears twice; one
 * that is not strict JSON is replaced by the canonical event, so every output is strict JSON.
 */
public final class ScoredEventJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final byte[][] quotedFeatures;
    private final String modelThresholdText;
    private final String versionQuoted;
    private final int[] order;

    /**
     * @param features the model's features, in its order
     * @param threshold the model's threshold, written while an event is not scored yet
     * @param modelVersion written into every record
     */
    public ScoredEventJson(List<String> features, double threshold, String modelVersion) {
        this.quotedFeatures = new byte[features.size()][];
        for (int i = 0; i < features.size(); i++) {
            quotedFeatures[i] = JsonStringEncoder.getInstance().quoteAsUTF8(features.get(i));
        }
        this.modelThresholdText = WireNumbers.number(threshold);
        this.versionQuoted = new String(JsonStringEncoder.getInstance().quoteAsString(modelVersion));
        this.order = new int[features.size()];
    }

    /** The severity name of a scored event. */
    public static String severity(ScoredSlots batch, int slot) {
        Severity severity = batch.severity(slot);
        return severity.isAnomaly() ? severity.name() : ScoredFields.NORMAL;
    }

    /**
     * The output record of a scored or warming-up event: the original record with the detector's fields
     * appended, or, when the original cannot be copied (not strict JSON, a null host or timestamp, an
     * unreadable field the detector must drop), the canonical event. Either way the output is strict JSON
     * with a {@code host} and a {@code timestamp}: the key and the time the event was scored at are added
     * when the original has none.
     *
     * @param original the event as consumed
     * @param detectedAt ISO-8601 time of the batch
     */
    public byte[] write(byte[] original, ScoredSlots batch, int slot, String detectedAt) {
        if (batch.copySafe(slot)) {
            byte[] base = batch.hasOutputField(slot) ? withoutOutputFields(original) : original;
            if (base != null) {
                return appended(base, batch, slot, detectedAt);
            }
        }
        return canonical(batch, slot, detectedAt);
    }

    /**
     * The event rebuilt from what the detector parsed: timestamp, host, the model's features, label and
     * episode, then the detector's fields. For records whose own bytes cannot be passed on.
     */
    public byte[] canonical(ScoredSlots batch, int slot, String detectedAt) {
        ByteBuilder out = new ByteBuilder(200 + 48 * quotedFeatures.length);
        out.ascii("{\"timestamp\":\"").ascii(Instant.ofEpochMilli(batch.time(slot)).toString())
                .ascii("\",\"host\":\"").append(quoted(batch.key(slot))).ascii("\"");
        double[] values = batch.values(slot);
        for (int f = 0; f < quotedFeatures.length; f++) {
            out.ascii(",\"").append(quotedFeatures[f]).ascii("\":").ascii(Double.toString(values[f]));
        }
        out.ascii(",\"label\":").append(quotedOrNull(batch.label(slot)))
                .ascii(",\"episode\":").append(quotedOrNull(batch.episode(slot))).ascii(",");
        appendScores(out, batch, slot, detectedAt);
        return out.toByteArray();
    }

    private byte[] appended(byte[] base, ScoredSlots batch, int slot, String detectedAt) {
        int end = base.length - 1;
        while (end >= 0 && base[end] != '}') {
            end--;
        }
        ByteBuilder out = new ByteBuilder(end + 200 + 48 * quotedFeatures.length);
        out.append(base, 0, end);
        boolean empty = isEmptyObject(base, end);
        out.ascii(empty ? "" : ",");
        if (!batch.hasHostField(slot)) {
            out.ascii("\"host\":\"").append(quoted(batch.key(slot))).ascii("\",");
        }
        if (!batch.hasTimeField(slot)) {
            out.ascii("\"timestamp\":\"").ascii(Instant.ofEpochMilli(batch.time(slot)).toString()).ascii("\",");
        }
        appendScores(out, batch, slot, detectedAt);
        return out.toByteArray();
    }

    /** The detector's fields and the closing brace. */
    private void appendScores(ByteBuilder out, ScoredSlots batch, int slot, String detectedAt) {
        if (!batch.scored(slot)) {
            out.ascii("\"error\":null,\"raw_error\":null,\"threshold\":").ascii(modelThresholdText)
                    .ascii(",\"confidence\":null,\"likelihood\":null,\"severity\":\"").ascii(ScoredFields.UNSCORED)
                    .ascii("\",\"is_anomaly\":false,\"contributions\":[]");
        } else {
            String error = WireNumbers.number(batch.error(slot));
            out.ascii("\"error\":").ascii(error).ascii(",\"raw_error\":").ascii(error)
                    .ascii(",\"threshold\":").ascii(WireNumbers.number(batch.threshold(slot)))
                    .ascii(",\"confidence\":").ascii(WireNumbers.number(batch.confidence(slot)))
                    .ascii(",\"likelihood\":").ascii(WireNumbers.likelihood(batch.likelihood(slot)))
                    .ascii(",\"severity\":\"").ascii(severity(batch, slot))
                    .ascii("\",\"is_anomaly\":").ascii(batch.isAnomaly(slot) ? "true" : "false")
                    .ascii(",\"contributions\":[");
            sortByShare(batch, slot);
            for (int i = 0; i < order.length; i++) {
                int feature = order[i];
                out.ascii(i == 0 ? "{\"feature\":\"" : ",{\"feature\":\"").append(quotedFeatures[feature])
                        .ascii("\",\"share\":")
                        .ascii(WireNumbers.share(batch.share(slot, feature))).ascii("}");
            }
            out.ascii("]");
            appendExpected(out, batch, slot);
            appendTypical(out, batch, slot);
            List<String> suppressedBy = batch.suppressionNames(slot);
            if (!suppressedBy.isEmpty()) {
                out.ascii(",\"" + ScoredFields.SUPPRESSED_BY + "\":[\"").ascii(String.join("\",\"", suppressedBy))
                        .ascii("\"]");
            }
            if (batch.anomalousSince(slot) != ScoredSlots.NO_TIME) {
                out.ascii(",\"" + ScoredFields.ANOMALOUS_SINCE + "\":\"")
                        .ascii(java.time.Instant.ofEpochMilli(batch.anomalousSince(slot)).toString()).ascii("\"");
            }
        }
        out.ascii(",\"model_version\":\"").ascii(versionQuoted).ascii("\",\"detected_at\":\"").ascii(detectedAt)
                .ascii("\"}");
    }

    /** {@code "expected":{feature: value, …}} in the features' units, when the model gives expected values. */
    private void appendExpected(ByteBuilder out, ScoredSlots batch, int slot) {
        boolean any = false;
        for (int feature = 0; feature < quotedFeatures.length; feature++) {
            double expected = batch.expected(slot, feature);
            if (Float.isFinite((float) expected)) {
                out.ascii(any ? ",\"" : ",\"" + ScoredFields.EXPECTED + "\":{\"").append(quotedFeatures[feature])
                        .ascii("\":")
                        .ascii(WireNumbers.number(expected));
                any = true;
            }
        }
        if (any) {
            out.ascii("}");
        }
    }

    /** {@code "typical":{feature: [low, high], …}} in the features' units, when the host has a typical range. */
    private void appendTypical(ByteBuilder out, ScoredSlots batch, int slot) {
        boolean any = false;
        for (int feature = 0; feature < quotedFeatures.length; feature++) {
            double low = batch.typicalLow(slot, feature);
            double high = batch.typicalHigh(slot, feature);
            if (Float.isFinite((float) low) && Float.isFinite((float) high)) {
                out.ascii(any ? ",\"" : ",\"" + ScoredFields.TYPICAL + "\":{\"").append(quotedFeatures[feature])
                        .ascii("\":[")
                        .ascii(WireNumbers.number(low)).ascii(",").ascii(WireNumbers.number(high)).ascii("]");
                any = true;
            }
        }
        if (any) {
            out.ascii("}");
        }
    }

    private static byte[] quoted(String text) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(text);
    }

    private static byte[] quotedOrNull(String text) {
        if (text == null) {
            return NULL;
        }
        byte[] inner = quoted(text);
        byte[] result = new byte[inner.length + 2];
        result[0] = '"';
        System.arraycopy(inner, 0, result, 1, inner.length);
        result[result.length - 1] = '"';
        return result;
    }

    /** Features by descending share of the event's error (insertion sort: a handful of features). */
    private void sortByShare(ScoredSlots batch, int slot) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 1; i < order.length; i++) {
            int current = order[i];
            float share = batch.share(slot, current);
            int j = i - 1;
            while (j >= 0 && batch.share(slot, order[j]) < share) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = current;
        }
    }

    /** The record without the detector's fields; null when it cannot be read strictly (then: canonical). */
    private static byte[] withoutOutputFields(byte[] original) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(original);
            node.remove(ScoredFields.FIELDS);
            return JSON.writeValueAsBytes(node);
        } catch (IOException | ClassCastException e) {
            return null;
        }
    }

    private static boolean isEmptyObject(byte[] json, int closingBrace) {
        for (int i = closingBrace - 1; i >= 0; i--) {
            byte b = json[i];
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
