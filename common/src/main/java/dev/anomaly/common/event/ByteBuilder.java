package dev.anomaly.common.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array, cheaper than a stream for this append-only use. */
final class ByteBuilder {
    private byte[] bytes;
    private int length;

    ByteBuilder(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    ByteBuilder append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    ByteBuilder append(byte[] source) {
        return append(source, 0, source.length);
    }

    ByteBuilder ascii(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        return append(encoded, 0, encoded.length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
