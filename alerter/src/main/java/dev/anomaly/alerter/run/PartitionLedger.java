package dev.anomaly.alerter.run;

import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which offsets of one partition are consumed but not yet reported. */
final class PartitionLedger {
    private final TreeSet<Long> pending = new TreeSet<>();
    private long end = -1;
    private ReportedRange restored;

    PartitionLedger(Optional<ReportedRange> restored) {
        this.restored = restored.orElse(null);
    }

    boolean alreadyReported(long offset) {
        return restored != null && restored.reported(offset);
    }

    void consumed(long offset) {
        pending.add(offset);
        end = Math.max(end, offset + 1);
        if (restored != null && end >= restored.to()) {
            restored = null;
        }
    }

    void covered(long offset) {
        pending.remove(offset);
    }

    /** One past the last offset read; empty before the first. */
    OptionalLong end() {
        return end < 0 ? OptionalLong.empty() : OptionalLong.of(end);
    }

    int pendingCount() {
        return pending.size();
    }

    /** What to commit now; empty before anything was consumed. */
    Optional<CommitPoint> commitPoint() {
        if (end < 0) {
            return Optional.empty();
        }
        NavigableMap<Long, Long> ranges = ranges(pending);
        long until = end;
        if (restored != null) {
            // Not yet re-read: what the previous run left pending stays pending, the rest stays reported.
            ranges.putAll(restored.pendingFrom(end));
            until = restored.to();
        }
        long position = ranges.isEmpty() ? until : ranges.firstKey();
        return Optional.of(new CommitPoint(position, CommitMetadata.encode(position, until, ranges)));
    }

    private static NavigableMap<Long, Long> ranges(TreeSet<Long> offsets) {
        NavigableMap<Long, Long> ranges = new TreeMap<>();
        Long start = null;
        long last = -2;
        for (long offset : offsets) {
            if (start != null && offset == last + 1) {
                last = offset;
                continue;
            }
            if (start != null) {
                ranges.put(start, last);
            }
            start = offset;
            last = offset;
        }
        if (start != null) {
            ranges.put(start, last);
        }
        return ranges;
    }
}
