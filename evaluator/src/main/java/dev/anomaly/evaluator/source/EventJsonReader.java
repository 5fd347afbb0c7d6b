package dev.anomaly.evaluator.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.time.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads host, timestamp, label, episode and is_anomaly from a source or anomalies record with a streaming
 * parser; every other field is skipped unread. Unlike the event codec it accepts any label, so a type the
 * generator does not know yet still counts as an anomaly type.
 */
final class EventJsonReader {
    static final String IS_ANOMALY = "is_anomaly";
    private static final JsonFactory JSON = new JsonFactory();

    private EventJsonReader() {
    }

    /**
     * Parses a record.
     *
     * @param key the Kafka key, the host when the value has no {@code host} field; may be null
     * @throws IllegalArgumentException when the value is not a JSON object with a host and a readable timestamp
     */
    static EventFields read(byte[] key, byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty record");
        }
        String host = null;
        String timestamp = null;
        String label = null;
        String episode = null;
        Boolean flagged = null;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case MetricFields.HOST -> host = scalar(parser, token);
                    case MetricFields.TIMESTAMP -> timestamp = scalar(parser, token);
                    case MetricFields.LABEL -> label = scalar(parser, token);
                    case MetricFields.EPISODE -> episode = scalar(parser, token);
                    case IS_ANOMALY -> flagged = token == JsonToken.VALUE_TRUE ? Boolean.TRUE
                            : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + firstLine(e.getMessage()), e);
        }
        if (host == null && key != null) {
            host = new String(key, StandardCharsets.UTF_8);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host field and no key");
        }
        if (timestamp == null) {
            throw new IllegalArgumentException("no timestamp field");
        }
        long millis = Timestamps.parseUtcIso(timestamp);
        if (millis == Timestamps.NOT_FAST) {
            millis = Timestamps.parse(timestamp).toEpochMilli();
        }
        return new EventFields(new EventKey(host, millis), label, episode, flagged);
    }

    /** The text of a string or number, null for null; objects and arrays are skipped and read as null. */
    private static String scalar(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING || token.isNumeric()) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
