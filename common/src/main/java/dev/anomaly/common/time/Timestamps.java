package dev.anomaly.common.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamps found in recorded metrics: ISO-8601 instants ({@code 2026-01-01T00:00:05Z}),
 * offsets ({@code +02:00}), local ISO date-times (Python's {@code datetime.now().isoformat()}) and
 * {@code yyyy-MM-dd HH:mm:ss} (both taken as UTC; either may have up to nine digits of fraction, and the
 * spaced form an offset too), and epoch seconds (with a fraction or not) or milliseconds.
 */
public final class Timestamps {
    /** Numbers above this are epoch milliseconds, below it epoch seconds (year 2286 in seconds). */
    private static final double EPOCH_MILLIS_FROM = 1e10;
    /** The largest epoch number read: 8.64e15 ms (year 275760), JavaScript's Date range. */
    private static final double MAX_EPOCH_MILLIS = 8.64e15;

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
        long fast = parseUtcIso(value);
        if (fast != NOT_FAST) {
            return Instant.ofEpochMilli(fast);
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
        if (value.length() > 11 && value.charAt(10) == ' ') {
            // yyyy-MM-dd HH:mm:ss[.fraction][offset]: Python's str(datetime), SQL, many logs.
            try {
                return parse(value.substring(0, 10) + 'T' + value.substring(11));
            } catch (IllegalArgumentException ignored) {
                // reported below with the text as given
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a timestamp; use ISO-8601 "
                + "(2026-01-01T00:00:05Z) or yyyy-MM-dd HH:mm:ss (UTC)");
    }

    /** Returned by {@link #parseUtcIso} for text it leaves to the general parsers. */
    public static final long NOT_FAST = Long.MIN_VALUE;

    /**
     * Epoch millis of the form every tool here writes, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, without
     * DateTimeFormatter (whose HashMap-based resolver cost a quarter of the detector's CPU); any other text,
     * including invalid dates, gives {@link #NOT_FAST}.
     */
    public static long parseUtcIso(CharSequence text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return NOT_FAST;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23
                || minute > 59 || second > 59) {
            return NOT_FAST;
        }
        int millis = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length > 30 || length == 21) {
                return NOT_FAST;
            }
            int scale = 100;
            for (int i = 20; i < length - 1; i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return NOT_FAST;
                }
                millis += digit * scale;
                scale /= 10;
            }
        } else if (length != 20) {
            return NOT_FAST;
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int digits(CharSequence text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static Instant fromEpochNumber(String value) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a timestamp");
        }
        double millis = number >= EPOCH_MILLIS_FROM ? number : number * 1000;
        if (!(millis <= MAX_EPOCH_MILLIS)) {
            // A cast would saturate at Long.MAX_VALUE and pass for a time 292 million years ahead.
            throw new IllegalArgumentException("'" + value + "' is beyond any plausible epoch time");
        }
        return Instant.ofEpochMilli(number >= EPOCH_MILLIS_FROM ? (long) millis : Math.round(millis));
    }
}
