package dev.anomaly.detector.stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How large a record is for the limits that matter: the producer's {@code max.request.size} (checked on the
 * uncompressed record) and the topic's {@code max.message.bytes} (checked on the record batch). Estimated
 * from above, so that whatever passes here is accepted by both.
 */
final class RecordSizes {
    /** A batch header (61 bytes) and the most a record's own framing takes (varints, attributes). */
    static final int OVERHEAD = 61 + 32;
    /** Framing of one header beyond its key and value. */
    private static final int HEADER_OVERHEAD = 10;

    private RecordSizes() {
    }

    /**
     * The size of a record alone in its batch, with room for what compression adds to data it cannot shrink
     * (lz4's frame: a header and 4 bytes per 64 KiB block; 1% covers every codec Kafka has).
     */
    static int of(byte[] key, byte[] value, int headerBytes) {
        long data = (long) (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + headerBytes;
        return (int) Math.min(Integer.MAX_VALUE, OVERHEAD + data + data / 100 + 64);
    }

    /** The most bytes of key, value and headers a record may hold to fit {@code maxBytes} (see {@link #of}). */
    static int dataRoom(int maxBytes) {
        return (int) Math.max(0, (maxBytes - OVERHEAD - 64L) * 100 / 101);
    }

    /** The bytes a record's headers take. */
    static int headers(Headers headers) {
        int bytes = 0;
        for (Header header : headers) {
            bytes += HEADER_OVERHEAD + header.key().length() * 3 + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }
}
