package dev.anomaly.common.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte-level reader for the records metric agents send almost always: one flat JSON object of ASCII
 * names and values that are plain strings, numbers, {@code null}, {@code true} or {@code false}. It finds
 * where each field's name and value lie without building tokens or strings, and reads numbers straight from
 * the bytes. Anything else (an escape, a nested value, a non-ASCII byte, a repeated name, {@code NaN}, a
 * syntax error, a very long number) makes {@link #scan} say no, and the caller parses the record with
 * Jackson, which then decides, with its own words for what is wrong. So this reader never judges a record;
 * it only accepts the ones whose reading is unambiguous. Not thread-safe (reuse one per parser).
 */
final class FlatJsonObject {
    enum Kind { STRING, INTEGER, DECIMAL, NULL, TRUE, FALSE }

    /** More fields than this go to Jackson: the duplicate check here compares every pair. */
    static final int MAX_FIELDS = 32;
    /** Longer numbers go to Jackson, which has limits of its own for them. */
    private static final int MAX_NUMBER_LENGTH = 64;
    /** Longer names go to Jackson, which has a limit of its own for them. */
    private static final int MAX_NAME_LENGTH = 256;
    /** Exact powers of ten: a double of at most 15 digits times or over one of these is correctly rounded. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private final int[] nameStart = new int[MAX_FIELDS];
    private final int[] nameLength = new int[MAX_FIELDS];
    private final int[] valueStart = new int[MAX_FIELDS];
    private final int[] valueLength = new int[MAX_FIELDS];
    private final Kind[] kinds = new Kind[MAX_FIELDS];
    private byte[] bytes;
    private int count;
    private int position;

    /** Reads {@code value}; false when it is not a flat object this reader takes (Jackson then decides). */
    boolean scan(byte[] value) {
        bytes = value;
        count = 0;
        position = 0;
        skipWhitespace();
        if (!take('{')) {
            return false;
        }
        skipWhitespace();
        if (take('}')) {
            return atEnd();
        }
        while (true) {
            if (count == MAX_FIELDS || !field()) {
                return false;
            }
            count++;
            skipWhitespace();
            if (take('}')) {
                return atEnd();
            }
            if (!take(',')) {
                return false;
            }
            skipWhitespace();
        }
    }

    int count() {
        return count;
    }

    Kind kind(int field) {
        return kinds[field];
    }

    /** Whether field {@code field}'s name is {@code name} (given as ASCII bytes). */
    boolean nameIs(int field, byte[] name) {
        return nameLength[field] == name.length
                && Arrays.equals(bytes, nameStart[field], nameStart[field] + name.length, name, 0, name.length);
    }

    /** A copy of field {@code field}'s name. */
    byte[] name(int field) {
        return Arrays.copyOfRange(bytes, nameStart[field], nameStart[field] + nameLength[field]);
    }

    /** A string's content, or a number's text as written. */
    String text(int field) {
        return new String(bytes, valueStart[field], valueLength[field], StandardCharsets.ISO_8859_1);
    }

    /**
     * A number's value, the same double Jackson gives: an integer through {@code long}, a decimal correctly
     * rounded (exactly when it has at most 15 digits and a small exponent, else by {@link Double#parseDouble}).
     */
    double number(int field) {
        int at = valueStart[field];
        int end = at + valueLength[field];
        boolean negative = bytes[at] == '-';
        if (negative) {
            at++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean inFraction = false;
        for (; at < end && bytes[at] != 'e' && bytes[at] != 'E'; at++) {
            byte b = bytes[at];
            if (b == '.') {
                inFraction = true;
            } else {
                mantissa = mantissa * 10 + (b - '0');
                digits++;
                if (inFraction) {
                    fractionDigits++;
                }
            }
        }
        if (kinds[field] == Kind.INTEGER) {
            // Jackson reads an integer as a long (at most 18 digits get here) and converts: "-0" is 0.0.
            return (double) (negative ? -mantissa : mantissa);
        }
        int exponent = 0;
        if (at < end) {
            at++;
            boolean negativeExponent = bytes[at] == '-';
            if (bytes[at] == '-' || bytes[at] == '+') {
                at++;
            }
            if (end - at > 4) {
                return Double.parseDouble(text(field));
            }
            for (; at < end; at++) {
                exponent = exponent * 10 + (bytes[at] - '0');
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        int scale = exponent - fractionDigits;
        if (digits > 15 || scale < -22 || scale > 22) {
            return Double.parseDouble(text(field));
        }
        double magnitude = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
        return negative ? -magnitude : magnitude;
    }

    private boolean field() {
        if (!take('"')) {
            return false;
        }
        int start = position;
        if (!skipString() || position - 1 - start > MAX_NAME_LENGTH) {
            return false;
        }
        nameStart[count] = start;
        nameLength[count] = position - 1 - start;
        for (int other = 0; other < count; other++) {
            if (nameLength[other] == nameLength[count] && Arrays.equals(bytes, nameStart[other],
                    nameStart[other] + nameLength[other], bytes, start, start + nameLength[count])) {
                return false;
            }
        }
        skipWhitespace();
        if (!take(':')) {
            return false;
        }
        skipWhitespace();
        return value();
    }

    private boolean value() {
        if (position >= bytes.length) {
            return false;
        }
        byte b = bytes[position];
        if (b == '"') {
            position++;
            int start = position;
            if (!skipString()) {
                return false;
            }
            return found(Kind.STRING, start, position - 1 - start);
        }
        if (b == '-' || b >= '0' && b <= '9') {
            return number();
        }
        if (b == 'n') {
            return literal("null", Kind.NULL);
        }
        if (b == 't') {
            return literal("true", Kind.TRUE);
        }
        if (b == 'f') {
            return literal("false", Kind.FALSE);
        }
        return false;
    }

    /** A number in JSON's strict grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
        int start = position;
        take('-');
        if (position >= bytes.length || !isDigit(bytes[position])) {
            return false;
        }
        if (bytes[position] == '0') {
            position++;
            if (position < bytes.length && isDigit(bytes[position])) {
                return false;
            }
        } else {
            skipDigits();
        }
        int integerEnd = position;
        boolean decimal = false;
        if (take('.')) {
            decimal = true;
            if (skipDigits() == 0) {
                return false;
            }
        }
        if (take('e') || take('E')) {
            decimal = true;
            if (!take('+')) {
                take('-');
            }
            if (skipDigits() == 0) {
                return false;
            }
        }
        int length = position - start;
        int integerDigits = integerEnd - start - (bytes[start] == '-' ? 1 : 0);
        if (length > MAX_NUMBER_LENGTH || !decimal && integerDigits > 18) {
            return false;
        }
        return found(decimal ? Kind.DECIMAL : Kind.INTEGER, start, length);
    }

    private boolean literal(String word, Kind kind) {
        int start = position;
        for (int i = 0; i < word.length(); i++) {
            if (position >= bytes.length || bytes[position] != word.charAt(i)) {
                return false;
            }
            position++;
        }
        return found(kind, start, word.length());
    }

    private boolean found(Kind kind, int start, int length) {
        kinds[count] = kind;
        valueStart[count] = start;
        valueLength[count] = length;
        return true;
    }

    /** Moves past a string's closing quote; false at an escape, a control or non-ASCII byte, or the end. */
    private boolean skipString() {
        while (position < bytes.length) {
            byte b = bytes[position++];
            if (b == '"') {
                return true;
            }
            if (b == '\\' || b < 0x20) {
                return false;
            }
        }
        return false;
    }

    private int skipDigits() {
        int start = position;
        while (position < bytes.length && isDigit(bytes[position])) {
            position++;
        }
        return position - start;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private boolean take(char expected) {
        if (position < bytes.length && bytes[position] == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (position < bytes.length) {
            byte b = bytes[position];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            position++;
        }
    }

    private boolean atEnd() {
        skipWhitespace();
        return position == bytes.length;
    }
}
