package dev.anomaly.common.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the durations operators type: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 1d}, {@code 1w}, combinations such as {@code 1h30m}, a bare number of seconds, or ISO-8601
 * ({@code PT30S}).
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw invalid(text);
        }
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (value.matches("\\d+(\\.\\d+)?")) {
            return fromSeconds(Double.parseDouble(value));
        }
        Matcher matcher = PART.matcher(value);
        long nanos = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw invalid(text);
            }
            double amount = Double.parseDouble(matcher.group(1));
            nanos += (long) (amount * unitNanos(matcher.group(2)));
            end = matcher.end();
        }
        if (end != value.length()) {
            throw invalid(text);
        }
        return Duration.ofNanos(nanos);
    }

    /** Formats a duration compactly, e.g. {@code 1h30m}, {@code 45s}, {@code 250ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        long seconds = duration.getSeconds();
        long days = seconds / 86_400;
        long hours = seconds / 3600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (secs > 0 || out.length() == 0) {
            out.append(secs).append('s');
        }
        return out.toString();
    }

    private static Duration fromSeconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private static double unitNanos(String unit) {
        switch (unit) {
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            case "m":
                return 60e9;
            case "h":
                return 3600e9;
            case "d":
                return 86_400e9;
            case "w":
                return 7 * 86_400e9;
            default:
                throw new IllegalStateException("unit " + unit);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text
                + "' is not a duration; use for example 500ms, 30s, 5m, 2h, 1d, 1h30m or PT30S");
    }
}
