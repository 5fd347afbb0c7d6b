package dev.anomaly.common.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamps found in recorded metrics: ISO-8601 instants ({@code 2026-01-01T00:00:05Z}),
 * offsets ({@code +02:00}), local ISO date-times and {@code yyyy-MM-dd HH:mm:ss} (both taken as UTC), and
 * epoch seconds or milliseconds.
 */
public final class Timestamps {
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
    /** Numbers above this are epoch milliseconds, below it epoch seconds (year 2286 in seconds). */
    private static final double EPOCH_MILLIS_FROM = 1e10;

    private Timestamps() {
    }

    /**
     * Parses a timestamp.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        char first = value.charAt(0);
        if (Character.isDigit(first) && value.indexOf('-') < 0) {
            return fromEpochNumber(value);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException ignored) {
            // not an instant with Z: try the other accepted forms
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not ISO local
        }
        try {
            return LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp; use ISO-8601 "
                    + "(2026-01-01T00:00:05Z) or yyyy-MM-dd HH:mm:ss (UTC)");
        }
    }

    private static Instant fromEpochNumber(String value) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a timestamp");
        }
        if (number >= EPOCH_MILLIS_FROM) {
            return Instant.ofEpochMilli((long) number);
        }
        return Instant.ofEpochMilli(Math.round(number * 1000));
    }
}
