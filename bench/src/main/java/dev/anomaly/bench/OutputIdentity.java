package dev.anomaly.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Which bench event a detector output belongs to, read cheaply: the host from the record's key (outputs are
 * keyed by host) and the time from the first {@code "timestamp":"…"} of the value (the input's own field,
 * copied first). Parsing every output in full cost the latency reader half a core at 10,000 events/s, CPU
 * that the detector and the broker it is measured with did not get.
 */
final class OutputIdentity {
    private static final byte[] TIMESTAMP = "\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

    private OutputIdentity() {
    }

    /** The event's index among {@code events}, or -1 when the record names none of them. */
    static long index(BenchEvents events, byte[] key, byte[] value) {
        if (key == null || value == null) {
            return -1;
        }
        int start = indexOf(value, TIMESTAMP);
        if (start < 0) {
            return -1;
        }
        start += TIMESTAMP.length;
        int end = start;
        while (end < value.length && value[end] != '"') {
            end++;
        }
        if (end == value.length) {
            return -1;
        }
        try {
            long millis = Instant.parse(new String(value, start, end - start, StandardCharsets.US_ASCII))
                    .toEpochMilli();
            return events.index(new String(key, StandardCharsets.UTF_8), millis);
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
