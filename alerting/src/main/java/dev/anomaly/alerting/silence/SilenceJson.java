package dev.anomaly.alerting.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anomaly.common.event.HostGlob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A silence on the silences topic, as JSON that other tools can write too:
 * {@code {"id", "hosts", "starts_at", "ends_at", "reason", "created_at"}}, times in ISO-8601 UTC.
 */
public final class SilenceJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SilenceJson() {
    }

    public static byte[] toBytes(Silence silence) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", silence.id());
        node.put("hosts", silence.hosts().pattern());
        node.put("starts_at", silence.startsAt().toString());
        node.put("ends_at", silence.endsAt().toString());
        node.put("reason", silence.reason());
        node.put("created_at", silence.createdAt().toString());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a silence.
     *
     * @throws IllegalArgumentException when the bytes are not a silence (the reader skips such a record)
     */
    public static Silence parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return new Silence(text(node, "id"), new HostGlob(text(node, "hosts")), time(node, "starts_at"),
                    time(node, "ends_at"), node.path("reason").asText(""), time(node, "created_at"));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' missing or not a string");
        }
        return value.asText();
    }

    private static Instant time(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 time", e);
        }
    }
}
