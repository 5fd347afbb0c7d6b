package dev.anomaly.ingest.format;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One line of InfluxDB line protocol, {@code measurement[,tag=value...] field=value[,field=value...] [time]},
 * with its escapes: a backslash before a comma, a space or (in keys and tag values) an equals sign makes it part
 * of the name; in string field values it escapes a double quote or a backslash.
 *
 * @param numericFields the fields holding numbers: floats, integers ({@code 2i}), unsigned integers
 *     ({@code 2u}) and booleans (1 or 0); string fields are left out
 * @param timestamp the line's timestamp as written, in the writer's precision, when it has one
 */
record InfluxLine(String measurement, SortedMap<String, String> tags, Map<String, Double> numericFields,
                  OptionalLong timestamp) {
    // Possessive quantifiers: no backtracking, so a long run of digits costs linear time, not quadratic.
    private static final Pattern FLOAT = Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?+\\d++");
    /** No number a metric agent writes is longer; a longer "number" is not read at all. */
    private static final int MAX_NUMBER_LENGTH = 64;

    /** Reads a line; throws with what is wrong and where. */
    static InfluxLine parse(String line) throws UnreadableRecordException {
        return new Parser(line).line();
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        InfluxLine line() throws UnreadableRecordException {
            String measurement = name(", ", "");
            if (measurement.isEmpty()) {
                throw error("the measurement is empty");
            }
            SortedMap<String, String> tags = new TreeMap<>();
            while (peek() == ',') {
                at++;
                String key = name("=, ", "");
                expect('=', "a tag needs key=value");
                String value = name(", ", "=");
                if (key.isEmpty() || value.isEmpty()) {
                    throw error("a tag key or value is empty");
                }
                tags.put(key, value);
            }
            expect(' ', "the fields must follow a space");
            skipSpaces();
            Map<String, Double> fields = new LinkedHashMap<>();
            boolean anyField = false;
            do {
                String key = name("=, ", "");
                expect('=', "a field needs key=value");
                if (key.isEmpty()) {
                    throw error("a field key is empty");
                }
                Double value = fieldValue();
                anyField = true;
                if (value != null) {
                    fields.put(key, value);
                }
            } while (consume(','));
            if (!anyField) {
                throw error("a line needs at least one field");
            }
            skipSpaces();
            OptionalLong timestamp = OptionalLong.empty();
            if (at < text.length()) {
                String digits = text.substring(at).strip();
                if (!INTEGER.matcher(digits).matches()) {
                    throw error("the timestamp '" + shorten(digits) + "' is not an integer");
                }
                try {
                    timestamp = OptionalLong.of(Long.parseLong(digits));
                } catch (NumberFormatException e) {
                    throw error("the timestamp '" + shorten(digits) + "' is out of range");
                }
            }
            return new InfluxLine(measurement, tags, fields, timestamp);
        }

        /**
         * Reads a name up to an unescaped character of {@code ends}; a backslash before a character of
         * {@code ends} or {@code alsoEscapable} (or before a backslash) stands for that character.
         */
        private String name(String ends, String alsoEscapable) {
            StringBuilder name = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\\' && at + 1 < text.length()) {
                    char next = text.charAt(at + 1);
                    if (ends.indexOf(next) >= 0 || alsoEscapable.indexOf(next) >= 0 || next == '\\') {
                        name.append(next);
                        at += 2;
                        continue;
                    }
                }
                if (ends.indexOf(c) >= 0) {
                    break;
                }
                name.append(c);
                at++;
            }
            return name.toString();
        }

        /** The field's value as a number, or null for a string field. */
        private Double fieldValue() throws UnreadableRecordException {
            if (peek() == '"') {
                at++;
                while (at < text.length() && text.charAt(at) != '"') {
                    at += text.charAt(at) == '\\' ? 2 : 1;
                }
                if (at >= text.length()) {
                    throw error("a string field is not closed");
                }
                at++;
                return null;
            }
            int start = at;
            while (at < text.length() && text.charAt(at) != ',' && text.charAt(at) != ' ') {
                at++;
            }
            String raw = text.substring(start, at);
            Double value = number(raw);
            if (value == null) {
                throw error("the field value '" + shorten(raw) + "' is not a number, string or boolean");
            }
            return Double.isFinite(value) ? value : null;
        }

        private static Double number(String raw) {
            if (raw.length() > MAX_NUMBER_LENGTH) {
                return null;
            }
            switch (raw) {
                case "t", "T", "true", "True", "TRUE":
                    return 1.0;
                case "f", "F", "false", "False", "FALSE":
                    return 0.0;
                default:
                    break;
            }
            try {
                if (raw.endsWith("i") && INTEGER.matcher(raw.substring(0, raw.length() - 1)).matches()) {
                    return (double) Long.parseLong(raw.substring(0, raw.length() - 1));
                }
                if (raw.endsWith("u") && raw.length() > 1 && Character.isDigit(raw.charAt(0))) {
                    return unsigned(Long.parseUnsignedLong(raw.substring(0, raw.length() - 1)));
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return FLOAT.matcher(raw).matches() ? Double.parseDouble(raw) : null;
        }

        private static double unsigned(long value) {
            return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private boolean consume(char c) {
            if (peek() == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c, String problem) throws UnreadableRecordException {
            if (!consume(c)) {
                throw error(problem);
            }
        }

        private void skipSpaces() {
            while (peek() == ' ') {
                at++;
            }
        }

        private UnreadableRecordException error(String problem) {
            return new UnreadableRecordException(Unreadable.NOT_LINE_PROTOCOL,
                    problem + " (at character " + (at + 1) + ")");
        }

        private static String shorten(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }
}
