package dev.anomaly.alerter.run;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Offsets {@code [from, to)} of a partition that a previous run already reported, except the pending ones:
 * read back from the commit metadata so that a restart repeats no message that Slack had accepted.
 */
final class ReportedRange {
    private final long from;
    private final long to;
    /** Pending offsets as inclusive ranges: start to end. */
    private final NavigableMap<Long, Long> pending;

    ReportedRange(long from, long to, NavigableMap<Long, Long> pending) {
        if (to < from) {
            throw new IllegalArgumentException("range " + from + ".." + to + " is reversed");
        }
        this.from = from;
        this.to = to;
        this.pending = new TreeMap<>(pending);
    }

    long from() {
        return from;
    }

    long to() {
        return to;
    }

    /** Whether the offset was reported by the previous run. */
    boolean reported(long offset) {
        if (offset < from || offset >= to) {
            return false;
        }
        Map.Entry<Long, Long> range = pending.floorEntry(offset);
        return range == null || offset > range.getValue();
    }

    /** The pending ranges at or above {@code offset}, clipped to it. */
    NavigableMap<Long, Long> pendingFrom(long offset) {
        NavigableMap<Long, Long> result = new TreeMap<>();
        for (Map.Entry<Long, Long> range : pending.entrySet()) {
            if (range.getValue() >= offset) {
                result.put(Math.max(range.getKey(), offset), range.getValue());
            }
        }
        return result;
    }

    /** How many offsets of the range were reported. */
    long reportedCount() {
        long pendingCount = 0;
        for (Map.Entry<Long, Long> range : pending.entrySet()) {
            pendingCount += range.getValue() - range.getKey() + 1;
        }
        return to - from - pendingCount;
    }
}
