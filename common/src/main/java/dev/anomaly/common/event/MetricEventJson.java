package dev.anomaly.common.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON form of a {@link MetricEvent}: one flat object, fields in schema order, timestamps in
 * ISO-8601 UTC. Thread-safe.
 */
public final class MetricEventJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private MetricEventJson() {
    }

    /** The event as UTF-8 JSON bytes. */
    public static byte[] toBytes(MetricEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(224);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(MetricFields.TIMESTAMP, event.timestamp().toString());
            json.writeStringField(MetricFields.HOST, event.host());
            json.writeNumberField(MetricFields.CPU_USAGE, event.cpuUsage());
            json.writeNumberField(MetricFields.MEMORY_USAGE, event.memoryUsage());
            json.writeNumberField(MetricFields.RESPONSE_TIME_MS, event.responseTimeMs());
            json.writeNumberField(MetricFields.DISK_IO_MB, event.diskIoMb());
            json.writeNumberField(MetricFields.NETWORK_IO_MB, event.networkIoMb());
            if (event.label() == null) {
                json.writeNullField(MetricFields.LABEL);
                json.writeNullField(MetricFields.EPISODE);
            } else {
                json.writeStringField(MetricFields.LABEL, event.label().label());
                json.writeStringField(MetricFields.EPISODE, event.episode());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event as JSON", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads an event written by {@link #toBytes}.
     *
     * @throws IllegalArgumentException when the bytes are not such an event
     */
    public static MetricEvent fromBytes(byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            String label = text(node, MetricFields.LABEL);
            return new MetricEvent(
                    Instant.parse(required(node, MetricFields.TIMESTAMP).asText()),
                    required(node, MetricFields.HOST).asText(),
                    number(node, MetricFields.CPU_USAGE),
                    number(node, MetricFields.MEMORY_USAGE),
                    number(node, MetricFields.RESPONSE_TIME_MS),
                    number(node, MetricFields.DISK_IO_MB),
                    number(node, MetricFields.NETWORK_IO_MB),
                    label == null ? null : AnomalyType.fromLabel(label),
                    text(node, MetricFields.EPISODE));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp is not ISO-8601: " + e.getParsedString(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        return value.doubleValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
