package dev.anomaly.ingest.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What ingest did since it started, for its status lines. Counted as processed, so a record read again after
 * an aborted transaction counts twice; the topics, not these figures, are exactly-once.
 */
public final class IngestCounters {
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong incompleteStarts = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    void record() {
        records.incrementAndGet();
    }

    void deadLetter() {
        deadLetters.incrementAndGet();
    }

    void event() {
        events.incrementAndGet();
    }

    void late(long readings) {
        late.addAndGet(readings);
    }

    void refused(long readings) {
        refused.addAndGet(readings);
    }

    /** Readings that came after their interval was written (later than the grace period). */
    public long late() {
        return late.get();
    }

    /** Readings left out because their interval already held as many series as fit in one record. */
    public long refused() {
        return refused.get();
    }

    void incompleteStart() {
        incompleteStarts.incrementAndGet();
    }

    /** First intervals of a host dropped because they lacked standard fields the next one had. */
    public long incompleteStarts() {
        return incompleteStarts.get();
    }

    public long records() {
        return records.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long events() {
        return events.get();
    }
}
