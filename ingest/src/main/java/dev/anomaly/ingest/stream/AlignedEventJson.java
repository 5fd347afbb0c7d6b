package dev.anomaly.ingest.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.anomaly.common.event.MetricFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * One host's interval as an event of the schema: {@code timestamp} (the interval's start), {@code host}, the
 * standard fields that could be derived, every ingested feature in name order, and {@code label} null.
 */
final class AlignedEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AlignedEventJson() {
    }

    static byte[] toBytes(Instant start, String host, Map<String, Double> standardFields,
                          Map<String, Double> features) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + features.size() * 32);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(MetricFields.TIMESTAMP, start.toString());
            json.writeStringField(MetricFields.HOST, host);
            for (Map.Entry<String, Double> field : standardFields.entrySet()) {
                if (Double.isFinite(field.getValue())) {
                    json.writeNumberField(field.getKey(), field.getValue());
                }
            }
            for (Map.Entry<String, Double> feature : features.entrySet()) {
                if (!standardFields.containsKey(feature.getKey()) && Double.isFinite(feature.getValue())) {
                    json.writeNumberField(feature.getKey(), feature.getValue());
                }
            }
            json.writeNullField(MetricFields.LABEL);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
