package dev.anomaly.common.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.anomaly.common.time.Timestamps;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the model's features, the host, the timestamp and the ground truth ({@code label}, {@code episode})
 * out of a JSON record with a streaming parser (faster than building a tree), and says precisely why a
 * record is unusable.
 *
 * <p>Strict on what the model reads: every feature must be present as a finite JSON number, a field may
 * not appear twice, the whole value must be one object. Other fields may hold anything; whether they are
 * strict JSON that any reader accepts (no {@code NaN}, a usable host and timestamp) is reported by
 * {@link ParsedRecord#isCopySafe()}, so a consumer knows whether it may copy the record's bytes into its
 * own output. Not thread-safe (reuse one per thread).
 */
public final class MetricRecordParser {
    /** Kafka's default maximum message size; larger values are dead letters, not events. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            // NaN and Infinity parse, so they can be rejected as non-finite rather than as "not JSON".
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final byte[] HOST_NAME = ascii(MetricFields.HOST);
    private static final byte[] TIMESTAMP_NAME = ascii(MetricFields.TIMESTAMP);
    private static final byte[] LABEL_NAME = ascii(MetricFields.LABEL);
    private static final byte[] EPISODE_NAME = ascii(MetricFields.EPISODE);

    /** A field's role ({@link #role}): the low bits hold a feature's index plus one, the others its meanings. */
    private static final int FEATURE_INDEX = 0xFFFF;
    private static final int SCHEMA_HOST = 1 << 16;
    private static final int HOST_TOP = 1 << 17;
    private static final int TIMESTAMP = 1 << 18;
    private static final int LABEL = 1 << 19;
    private static final int EPISODE = 1 << 20;
    private static final int OUTPUT = 1 << 21;

    private final List<String> features;
    private final Map<String, Integer> featureIndex = new HashMap<>();
    private final int maxBytes;
    private final TimestampPolicy timestamps;
    private final Set<String> outputFields;
    private final HostField hostField;
    private final String hostTop;
    private final boolean[] seen;
    private final FlatJsonObject flat = new FlatJsonObject();
    private final byte[][] featureNames;
    private final byte[] hostTopName;
    private final byte[][] outputFieldNames;
    private final byte[][] knownNames = new byte[FlatJsonObject.MAX_FIELDS][];
    private final int[] knownRoles = new int[FlatJsonObject.MAX_FIELDS];
    private boolean lastFlat;

    /**
     * @param features the fields to read as numbers, in model order
     * @param maxBytes larger values are rejected unread
     * @param timestamps what a missing or unreadable timestamp means
     * @param outputFields field names a consumer will add to the record (see
     *     {@link ParsedRecord#hasOutputField()})
     * @param hostField where the record names its host (see {@link ParsedRecord#host()})
     */
    public MetricRecordParser(List<String> features, int maxBytes, TimestampPolicy timestamps,
                              Set<String> outputFields, HostField hostField) {
        if (Set.copyOf(features).size() != features.size() || features.size() >= FEATURE_INDEX) {
            throw new IllegalArgumentException("features must be distinct and fewer than " + FEATURE_INDEX + ": "
                    + features.size() + " given");
        }
        this.features = List.copyOf(features);
        this.hostField = hostField;
        this.hostTop = hostField.segments().get(0);
        for (int i = 0; i < features.size(); i++) {
            featureIndex.put(features.get(i), i);
        }
        this.maxBytes = maxBytes;
        this.timestamps = timestamps;
        this.outputFields = Set.copyOf(outputFields);
        this.seen = new boolean[features.size()];
        this.featureNames = features.stream().map(MetricRecordParser::ascii).toArray(byte[][]::new);
        this.hostTopName = ascii(hostTop);
        this.outputFieldNames = outputFields.stream().map(MetricRecordParser::ascii).toArray(byte[][]::new);
    }

    /** A parser of the schema's own {@code host} field. */
    public MetricRecordParser(List<String> features, int maxBytes, TimestampPolicy timestamps,
                              Set<String> outputFields) {
        this(features, maxBytes, timestamps, outputFields, HostField.DEFAULT);
    }

    /** A parser that reads timestamps when present and adds no fields. */
    public MetricRecordParser(List<String> features, int maxBytes, boolean timeRequired) {
        this(features, maxBytes, timeRequired ? TimestampPolicy.REQUIRED : TimestampPolicy.OPTIONAL, Set.of());
    }

    /** A parser that reads timestamps when present, adds no fields and finds the host at {@code hostField}. */
    public MetricRecordParser(List<String> features, int maxBytes, HostField hostField) {
        this(features, maxBytes, TimestampPolicy.OPTIONAL, Set.of(), hostField);
    }

    public List<String> features() {
        return features;
    }

    /** Parses {@code value} into {@code target}; check {@link ParsedRecord#isValid()} afterwards. */
    public void parse(byte[] value, ParsedRecord target) {
        parse(value, target, true);
    }

    /** Whether the last record was read by the flat reader (for tests: Jackson's results are the same). */
    boolean lastReadFlat() {
        return lastFlat;
    }

    /** {@link #parse} without the flat reader, for tests that hold the two readers to the same results. */
    void parseWithJacksonOnly(byte[] value, ParsedRecord target) {
        parse(value, target, false);
    }

    private void parse(byte[] value, ParsedRecord target, boolean flatFirst) {
        target.reset();
        lastFlat = false;
        if (value == null || value.length == 0) {
            target.reject(RejectReason.EMPTY, "the record has no value");
            return;
        }
        if (value.length > maxBytes) {
            target.reject(RejectReason.OVERSIZED, value.length + " bytes, limit " + maxBytes);
            return;
        }
        java.util.Arrays.fill(seen, false);
        // A flat record is all ASCII (the flat reader says no to anything else): no need to check its UTF-8.
        lastFlat = flatFirst && flat.scan(value) && readFlat(target);
        if (lastFlat) {
            checkComplete(target);
            return;
        }
        if (flatFirst) {
            // Not a flat record of plain values, or one to reject: Jackson reads it and says why.
            target.reset();
            java.util.Arrays.fill(seen, false);
        }
        String encoding = notUtf8(value);
        if (encoding != null) {
            target.reject(RejectReason.INVALID_UTF8, encoding);
            return;
        }
        parseWithJackson(value, target);
    }

    private void parseWithJackson(byte[] value, ParsedRecord target) {
        try (JsonParser parser = JSON.createParser(value)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                target.reject(first == null ? RejectReason.NOT_JSON : RejectReason.NOT_AN_OBJECT,
                        first == null ? "no JSON value" : "top-level " + describe(first));
                return;
            }
            readFields(parser, target);
            if (!target.isValid()) {
                return;
            }
            if (parser.nextToken() != null) {
                target.reject(RejectReason.NOT_JSON, "data after the JSON object");
                return;
            }
        } catch (CharConversionException e) {
            target.reject(RejectReason.INVALID_UTF8, firstLine(e.getMessage()));
            return;
        } catch (JsonParseException e) {
            String message = firstLine(e.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                target.reject(RejectReason.DUPLICATE_FIELD, message);
            } else if (message.contains("UTF-8") || message.contains("UTF8")) {
                target.reject(RejectReason.INVALID_UTF8, message);
            } else {
                target.reject(RejectReason.NOT_JSON, message);
            }
            return;
        } catch (IOException e) {
            target.reject(RejectReason.NOT_JSON, firstLine(e.getMessage()));
            return;
        }
        checkComplete(target);
    }

    private void checkComplete(ParsedRecord target) {
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                target.reject(RejectReason.MISSING_FEATURE, features.get(i));
                return;
            }
        }
        if (timestamps == TimestampPolicy.REQUIRED && !target.hasTime()) {
            target.reject(RejectReason.BAD_TIMESTAMP, "no " + MetricFields.TIMESTAMP + " field");
        }
    }

    /**
     * Reads the fields {@link FlatJsonObject} found, exactly as {@link #readFields} reads the same record's
     * tokens; false as soon as the record is to be rejected, so that the reason comes from the one place
     * that words them all.
     */
    private boolean readFlat(ParsedRecord target) {
        for (int field = 0; field < flat.count() && target.isValid(); field++) {
            FlatJsonObject.Kind kind = flat.kind(field);
            int role = role(field);
            int index = (role & FEATURE_INDEX) - 1;
            if (index >= 0) {
                if (kind != FlatJsonObject.Kind.INTEGER && kind != FlatJsonObject.Kind.DECIMAL) {
                    return false;
                }
                seen[index] = true;
                double number = flat.number(field);
                if (!Double.isFinite(number)) {
                    return false;
                }
                target.values()[index] = number;
            } else if ((role & (SCHEMA_HOST | HOST_TOP)) != 0) {
                if (!readFlatHost(field, kind, role, target)) {
                    return false;
                }
            } else if ((role & TIMESTAMP) != 0) {
                if (kind == FlatJsonObject.Kind.NULL) {
                    target.markNotCopySafe();
                } else if (kind == FlatJsonObject.Kind.TRUE || kind == FlatJsonObject.Kind.FALSE) {
                    unreadableTimestamp(target, "timestamp is a boolean");
                } else {
                    readTimestampText(flat.text(field), kind == FlatJsonObject.Kind.STRING, target);
                }
            } else if ((role & LABEL) != 0) {
                target.label(kind == FlatJsonObject.Kind.STRING ? flat.text(field) : null);
            } else if ((role & EPISODE) != 0) {
                target.episode(kind == FlatJsonObject.Kind.STRING ? flat.text(field) : null);
            } else if ((role & OUTPUT) != 0) {
                target.markOutputField();
            }
        }
        return target.isValid();
    }

    /**
     * What the name of field {@code field} means here. Records of one stream name their fields in one order,
     * so the name last seen at that place is checked first: one comparison instead of one per known name.
     */
    private int role(int field) {
        byte[] known = knownNames[field];
        if (known != null && flat.nameIs(field, known)) {
            return knownRoles[field];
        }
        int role = 0;
        for (int i = 0; i < featureNames.length && role == 0; i++) {
            if (flat.nameIs(field, featureNames[i])) {
                role = i + 1;
            }
        }
        role |= flat.nameIs(field, HOST_NAME) ? SCHEMA_HOST : 0;
        role |= flat.nameIs(field, hostTopName) ? HOST_TOP : 0;
        role |= flat.nameIs(field, TIMESTAMP_NAME) ? TIMESTAMP : 0;
        role |= flat.nameIs(field, LABEL_NAME) ? LABEL : 0;
        role |= flat.nameIs(field, EPISODE_NAME) ? EPISODE : 0;
        for (byte[] name : outputFieldNames) {
            role |= flat.nameIs(field, name) ? OUTPUT : 0;
        }
        knownNames[field] = flat.name(field);
        knownRoles[field] = role;
        return role;
    }

    /** {@link #readHostFields} for a plain value (no escapes, so no lone surrogates); false: one to reject. */
    private boolean readFlatHost(int field, FlatJsonObject.Kind kind, int role, ParsedRecord target) {
        if ((role & OUTPUT) != 0) {
            target.markOutputField();
        }
        String text = kind == FlatJsonObject.Kind.STRING || kind == FlatJsonObject.Kind.INTEGER
                ? flat.text(field) : null;
        if ((role & SCHEMA_HOST) != 0) {
            if (kind == FlatJsonObject.Kind.STRING && !text.isBlank()) {
                target.topLevelHost(text);
            } else {
                target.markNotCopySafe();
            }
        }
        if ((role & HOST_TOP) == 0 || hostField.isNested()) {
            return true;
        }
        if (text != null) {
            target.host(text);
        }
        // Any other value of the host field is to be rejected: Jackson's path words it.
        return text != null || kind == FlatJsonObject.Kind.NULL;
    }

    private static byte[] ascii(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Why the bytes are not plain UTF-8, or null when they are. Jackson would take UTF-16 and UTF-32 (it
     * detects them) and skip a byte-order mark, and it does not check every byte of the strings it skips;
     * a record copied into an output must be UTF-8 throughout, so this checks first (ASCII, the usual case,
     * in one pass).
     */
    private static String notUtf8(byte[] value) {
        if (value.length >= 3 && value[0] == (byte) 0xEF && value[1] == (byte) 0xBB && value[2] == (byte) 0xBF) {
            return "a byte-order mark: JSON between systems is UTF-8 without one";
        }
        boolean ascii = true;
        for (int i = 0; i < value.length; i++) {
            byte b = value[i];
            if (b == 0 && i < 4) {
                return "UTF-16 or UTF-32, not UTF-8";
            }
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return null;
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value));
            return null;
        } catch (java.nio.charset.CharacterCodingException e) {
            return "invalid UTF-8 (" + e.getMessage() + ")";
        }
    }

    private void readFields(JsonParser parser, ParsedRecord target) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            Integer index = featureIndex.get(name);
            if (index != null) {
                seen[index] = true;
                readFeature(parser, valueToken, name, index, target);
            } else if (hostTop.equals(name) || MetricFields.HOST.equals(name)) {
                readHostFields(parser, valueToken, name, target);
            } else if (MetricFields.TIMESTAMP.equals(name)) {
                readTimestamp(parser, valueToken, target);
            } else if (MetricFields.LABEL.equals(name)) {
                target.label(valueToken == JsonToken.VALUE_STRING ? parser.getText() : null);
                skipValue(parser, valueToken, target);
            } else if (MetricFields.EPISODE.equals(name)) {
                target.episode(valueToken == JsonToken.VALUE_STRING ? parser.getText() : null);
                skipValue(parser, valueToken, target);
            } else {
                if (outputFields.contains(name)) {
                    target.markOutputField();
                }
                skipValue(parser, valueToken, target);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            target.reject(RejectReason.NOT_JSON, "unexpected " + describe(token));
        }
    }

    private static void readFeature(JsonParser parser, JsonToken token, String name, int index, ParsedRecord target)
            throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            target.reject(RejectReason.MISSING_FEATURE, name + " is null");
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                target.reject(RejectReason.NON_FINITE, name + "=" + parser.getText());
            }
            target.values()[index] = value;
        } else {
            target.reject(RejectReason.NOT_A_NUMBER, name + " is " + describe(token));
            parser.skipChildren();
        }
    }

    /**
     * A top-level field that is the host field, or the start of its path, or the schema's {@code host}
     * field (which an output keeps when present, so it must be a usable string to be copied).
     */
    private void readHostFields(JsonParser parser, JsonToken token, String name, ParsedRecord target)
            throws IOException {
        if (outputFields.contains(name)) {
            target.markOutputField();
        }
        if (MetricFields.HOST.equals(name)) {
            String text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
            if (text != null && !text.isBlank() && !hasLoneSurrogate(text)) {
                target.topLevelHost(text);
            } else {
                // A copy would carry a host that readers of the output cannot use ("host":null, "host":7, "host":{…}).
                target.markNotCopySafe();
            }
        }
        if (!hostTop.equals(name)) {
            skipValue(parser, token, target);
        } else if (hostField.isNested()) {
            readNestedHost(parser, token, 1, target);
        } else {
            readHostValue(parser, token, target);
        }
    }

    /** Walks one level of the host field's path; anything else in the object is skipped. */
    private void readNestedHost(JsonParser parser, JsonToken token, int depth, ParsedRecord target)
            throws IOException {
        if (token != JsonToken.START_OBJECT) {
            skipValue(parser, token, target);
            return;
        }
        String segment = hostField.segments().get(depth);
        boolean last = depth == hostField.segments().size() - 1;
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
            boolean onPath = segment.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (onPath && last) {
                readHostValue(parser, value, target);
            } else if (onPath) {
                readNestedHost(parser, value, depth + 1, target);
            } else {
                skipValue(parser, value, target);
            }
        }
        if (next != JsonToken.END_OBJECT) {
            target.reject(RejectReason.NOT_JSON, "unexpected " + describe(next));
        }
    }

    /** A string or number names the host; null means none; anything else is a mistake worth a dead letter. */
    private void readHostValue(JsonParser parser, JsonToken token, ParsedRecord target) throws IOException {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            String text = parser.getText();
            if (hasLoneSurrogate(text)) {
                // "\ud800" is valid JSON but no text: it could be neither a key nor a JSON string out.
                target.reject(RejectReason.INVALID_UTF8, hostField.path() + " holds a lone surrogate");
            } else {
                target.host(text);
            }
        } else if (token != JsonToken.VALUE_NULL) {
            target.reject(RejectReason.WRONG_TYPE, hostField.path() + " is " + describe(token));
            skipValue(parser, token, target);
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private void readTimestamp(JsonParser parser, JsonToken token, ParsedRecord target) throws IOException {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT && !parser.isNaN()) {
            // Floats are epoch seconds with a fraction (collectd, Python's time.time()).
            readTimestampText(parser.getText(), token == JsonToken.VALUE_STRING, target);
        } else if (token == JsonToken.VALUE_NULL) {
            target.markNotCopySafe();
        } else {
            unreadableTimestamp(target, "timestamp is " + describe(token));
            skipValue(parser, token, target);
        }
    }

    /** A timestamp given as a string or as a number's text. */
    private void readTimestampText(String text, boolean isString, ParsedRecord target) {
        long fast = isString ? Timestamps.parseUtcIso(text) : Timestamps.NOT_FAST;
        if (fast != Timestamps.NOT_FAST) {
            target.epochMillis(fast);
            return;
        }
        try {
            long millis = Timestamps.parse(text).toEpochMilli();
            if (millis == ParsedRecord.NO_TIME) {
                // The one instant that reads as "no time" (-292275055-05-16T16:47:04.192Z).
                throw new ArithmeticException("no epoch millisecond left for it");
            }
            target.epochMillis(millis);
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            // ArithmeticException: an instant Java can hold but not as epoch milliseconds (+300000000-01-01).
            unreadableTimestamp(target, "timestamp '" + abbreviate(text) + "'");
        }
    }

    /** A model without time inputs scores the record anyway; a copy of it would carry the bad timestamp. */
    private void unreadableTimestamp(ParsedRecord target, String detail) {
        if (timestamps == TimestampPolicy.IGNORE) {
            target.markNotCopySafe();
        } else {
            target.reject(RejectReason.BAD_TIMESTAMP, detail);
        }
    }

    /**
     * Skips a field's value, noting whether it holds a number strict JSON readers refuse (NaN, Infinity):
     * walking the tokens costs what {@code skipChildren} costs, which walks them too.
     */
    private static void skipValue(JsonParser parser, JsonToken token, ParsedRecord target) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
            target.markNotCopySafe();
        }
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken next = parser.nextToken();
            if (next == null) {
                return;
            } else if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
                depth++;
            } else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
                depth--;
            } else if (next == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
                target.markNotCopySafe();
            }
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        switch (token) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.isNumeric() ? "a number" : token.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
