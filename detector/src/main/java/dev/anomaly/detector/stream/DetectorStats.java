package dev.anomaly.detector.stream;

import dev.anomaly.common.event.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of one detector, read by the console and the metrics endpoint. */
public final class DetectorStats {
    final LongAdder events = new LongAdder();
    final LongAdder normal = new LongAdder();
    final LongAdder medium = new LongAdder();
    final LongAdder high = new LongAdder();
    /** Anomalies of the model the alert rules did not let stand (counted among the normal events too). */
    final LongAdder suppressed = new LongAdder();
    final LongAdder warmingUp = new LongAdder();
    final LongAdder aborted = new LongAdder();
    /** Records dropped because Kafka refused even their dead letter of headers only. */
    final LongAdder dropped = new LongAdder();
    final AtomicLong lag = new AtomicLong();
    private final Map<RejectReason, LongAdder> deadLetters = new EnumMap<>(RejectReason.class);

    DetectorStats() {
        for (RejectReason reason : RejectReason.values()) {
            deadLetters.put(reason, new LongAdder());
        }
    }

    void deadLetter(RejectReason reason) {
        deadLetters.get(reason).increment();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long events() {
        return events.sum();
    }

    public long anomalies() {
        return medium.sum() + high.sum();
    }

    public long highAnomalies() {
        return high.sum();
    }

    public long suppressed() {
        return suppressed.sum();
    }

    public long mediumAnomalies() {
        return medium.sum();
    }

    public long normal() {
        return normal.sum();
    }

    public long warmingUp() {
        return warmingUp.sum();
    }

    /** Batches whose transaction was aborted and which were read again. */
    public long abortedBatches() {
        return aborted.sum();
    }

    public long deadLetters() {
        return deadLetters.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long deadLetters(RejectReason reason) {
        return deadLetters.get(reason).sum();
    }

    /** The consumer lag after the last poll, summed over assigned partitions. */
    public long lag() {
        return lag.get();
    }
}
