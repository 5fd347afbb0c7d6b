package dev.anomaly.agent.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus's text exposition format (version 0.0.4, what node_exporter serves): one sample per
 * line, {@code # HELP} and {@code # TYPE} comments skipped, label values with their escapes ({@code \\},
 * {@code \"}, {@code \n}), values as Go writes floats ({@code NaN}, {@code +Inf}), and an optional timestamp.
 * A character scanner rather than regular expressions: label values may hold any character, commas and
 * braces included. No maintained JVM library parses this format (the Prometheus Java client only writes
 * it); the grammar is small and fixed.
 */
public final class PromTextParser {
    private final String text;
    private int position;
    private int line = 1;

    private PromTextParser(String text) {
        this.text = text;
    }

    /**
     * Parses a whole exposition.
     *
     * @throws IllegalArgumentException naming the line and what was expected
     */
    public static List<PromSample> parse(String text) {
        return new PromTextParser(text).samples();
    }

    private List<PromSample> samples() {
        List<PromSample> samples = new ArrayList<>();
        while (position < text.length()) {
            skipBlanks();
            if (atLineEnd()) {
                nextLine();
            } else if (text.charAt(position) == '#') {
                skipToLineEnd();
                nextLine();
            } else {
                samples.add(sample());
                skipBlanks();
                if (!atLineEnd()) {
                    throw error("end of line");
                }
                nextLine();
            }
        }
        return samples;
    }

    private PromSample sample() {
        String name = name(true);
        Map<String, String> labels = new LinkedHashMap<>();
        skipBlanks();
        if (peek() == '{') {
            position++;
            labels(labels);
        }
        skipBlanks();
        double value = number(token());
        skipBlanks();
        if (!atLineEnd()) {
            String timestamp = token();
            try {
                Long.parseLong(timestamp);
            } catch (NumberFormatException e) {
                throw error("a timestamp in milliseconds, not '" + timestamp + "'");
            }
        }
        return new PromSample(name, labels, value);
    }

    private void labels(Map<String, String> labels) {
        while (true) {
            skipBlanks();
            if (peek() == '}') {
                position++;
                return;
            }
            String label = name(false);
            skipBlanks();
            expect('=');
            skipBlanks();
            expect('"');
            if (labels.put(label, labelValue()) != null) {
                throw error("label " + label + " once");
            }
            skipBlanks();
            if (peek() == ',') {
                position++;
            } else if (peek() != '}') {
                throw error("',' or '}'");
            }
        }
    }

    private String labelValue() {
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length() || text.charAt(position) == '\n') {
                throw error("a closing '\"'");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (position >= text.length()) {
                    throw error("an escaped character");
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case 'n' -> value.append('\n');
                    default -> value.append('\\').append(escaped);
                }
            } else {
                value.append(c);
            }
        }
    }

    /** A metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) or a label name (the same without ':'). */
    private String name(boolean metric) {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || metric && c == ':';
            boolean digit = c >= '0' && c <= '9';
            if (!letter && !(digit && position > start)) {
                break;
            }
            position++;
        }
        if (position == start) {
            throw error(metric ? "a metric name" : "a label name");
        }
        return text.substring(start, position);
    }

    private String token() {
        int start = position;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        if (position == start) {
            throw error("a value");
        }
        return text.substring(start, position);
    }

    private double number(String token) {
        switch (token) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw error("a number, not '" + token + "'");
                }
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\n';
    }

    private void skipBlanks() {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
    }

    private boolean atLineEnd() {
        return position >= text.length() || text.charAt(position) == '\n' || text.charAt(position) == '\r';
    }

    private void skipToLineEnd() {
        while (position < text.length() && text.charAt(position) != '\n') {
            position++;
        }
    }

    private void nextLine() {
        skipToLineEnd();
        position++;
        line++;
    }

    private IllegalArgumentException error(String expected) {
        int end = text.indexOf('\n', position);
        int start = text.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
        String content = text.substring(start, end < 0 ? text.length() : end);
        if (content.length() > 80) {
            content = content.substring(0, 80) + "…";
        }
        return new IllegalArgumentException("line " + line + ": expected " + expected + " in '" + content + "'");
    }
}
