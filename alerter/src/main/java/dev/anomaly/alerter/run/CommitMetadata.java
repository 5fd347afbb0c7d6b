package dev.anomaly.alerter.run;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metadata string committed with a partition's offset. The committed offset is the first anomaly
 * whose message Slack has not accepted yet; anomalies of other hosts after it may have been reported
 * already. The metadata lists them, so that a restart skips them instead of alerting twice:
 *
 * <pre>alerter/1 end=+37 pending=0-3,7,12-15</pre>
 *
 * <p>means: of the offsets from the committed one up to 37 above it, all but the pending ones (relative
 * to the committed offset, inclusive ranges) were reported. Kafka caps metadata (4096 bytes by default);
 * a list too long is cut and {@code end} moved down, so the rest is reported again: never lost, at worst
 * repeated.
 */
final class CommitMetadata {
    static final String PREFIX = "alerter/1 ";
    /** Below Kafka's default offset.metadata.max.bytes of 4096. */
    static final int MAX_CHARS = 3000;

    private CommitMetadata() {
    }

    /**
     * Encodes the state above a committed offset.
     *
     * @param position the committed offset (the first pending one, or {@code end} if none is pending)
     * @param end one past the last offset consumed
     * @param pending pending offsets at or above {@code position} as sorted inclusive ranges
     */
    static String encode(long position, long end, NavigableMap<Long, Long> pending) {
        if (end <= position) {
            return "";
        }
        StringBuilder ranges = new StringBuilder();
        long encodedEnd = end;
        for (Map.Entry<Long, Long> range : pending.entrySet()) {
            String next = (ranges.length() == 0 ? "" : ",") + relative(position, range.getKey(), range.getValue());
            if (PREFIX.length() + 40 + ranges.length() + next.length() > MAX_CHARS) {
                encodedEnd = range.getKey();
                break;
            }
            ranges.append(next);
        }
        if (encodedEnd <= position) {
            return "";
        }
        return PREFIX + "end=+" + (encodedEnd - position) + " pending=" + ranges;
    }

    /** The reported range that metadata committed with {@code position} describes; empty if none or unreadable. */
    static Optional<ReportedRange> decode(long position, String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            String[] parts = metadata.substring(PREFIX.length()).split(" ", -1);
            if (parts.length != 2 || !parts[0].startsWith("end=+") || !parts[1].startsWith("pending=")) {
                return Optional.empty();
            }
            long end = position + Long.parseLong(parts[0].substring("end=+".length()));
            NavigableMap<Long, Long> pending = new TreeMap<>();
            String list = parts[1].substring("pending=".length());
            if (!list.isEmpty()) {
                for (String range : list.split(",")) {
                    int dash = range.indexOf('-');
                    long first = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                    long last = dash < 0 ? first : Long.parseLong(range.substring(dash + 1));
                    pending.put(position + first, position + last);
                }
            }
            return Optional.of(new ReportedRange(position, end, pending));
        } catch (IllegalArgumentException unreadable) {
            // Another tool's metadata, or a future format: report the offsets again rather than skip them.
            return Optional.empty();
        }
    }

    private static String relative(long position, long first, long last) {
        return first == last ? Long.toString(first - position) : (first - position) + "-" + (last - position);
    }
}
