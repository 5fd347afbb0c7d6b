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

    /** The size of a record alone in its batch. */
    static int of(byte[] key, byte[] value, int headerBytes) {
        return OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + headerBytes;
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
