package dev.anomaly.evaluator.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.event.ScoredFields;
import dev.anomaly.common.time.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads host, timestamp, label, episode and is_anomaly from a source or anomalies record with a streaming
 * parser; every other field is skipped unread. Unlike the event codec it accepts any label, so a type the
 * generator does not know yet still counts as an anomaly type.
 */
final class EventJsonReader {
    static final String IS_ANOMALY = ScoredFields.IS_ANOMALY;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper TREES = new ObjectMapper(JSON);

    private EventJsonReader() {
    }

    /**
     * Parses a record. Its host is the key, else the host field, else {@value HostField#DEFAULT_SERIES}, as
     * {@code detect} decides it; its time is the {@code timestamp} field, else the record's own.
     *
     * @param key the Kafka key; may be null
     * @param recordTime the Kafka record's timestamp, used when the value has no {@code timestamp} field
     * @param hostField where a record without a key names its host
     * @throws IllegalArgumentException when the value is not a JSON object or its timestamp is unreadable
     */
    static EventFields read(byte[] key, byte[] value, long recordTime, HostField hostField) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("empty record");
        }
        String host = null;
        String timestamp = null;
        String label = null;
        String episode = null;
        Boolean flagged = null;
        String hostTop = hostField.segments().get(0);
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals(hostTop)) {
                    host = hostField.isNested() ? nested(parser, token, hostField) : scalar(parser, token);
                    continue;
                }
                switch (name) {
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
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        long millis = recordTime;
        if (timestamp != null) {
            millis = Timestamps.parseUtcIso(timestamp);
            if (millis == Timestamps.NOT_FAST) {
                try {
                    millis = Timestamps.parse(timestamp).toEpochMilli();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("timestamp '" + timestamp + "' is beyond epoch milliseconds", e);
                }
            }
        }
        return new EventFields(new EventKey(HostField.resolve(keyText, host), millis), label, episode, flagged);
    }

    /** The text at the rest of a dotted host path inside an object value, or null. */
    private static String nested(JsonParser parser, JsonToken token, HostField hostField) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        JsonNode node = TREES.readTree(parser);
        for (String segment : hostField.segments().subList(1, hostField.segments().size())) {
            node = node.path(segment);
        }
        return node.isTextual() || node.isNumber() ? node.asText() : null;
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
