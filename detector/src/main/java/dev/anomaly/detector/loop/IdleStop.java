package dev.anomaly.detector.loop;

import dev.anomaly.common.kafka.EndOfInput;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * {@code stopWhenIdle}: the loop ends once no record has come for this long and every partition it owns is
 * read to its end. Without partitions, or with a broker that cannot say where the ends are, it is not idle.
 */
final class IdleStop {
    private final Duration idle;
    private final LongSupplier nanoTime;
    private long lastRecords;

    /** @param idle how long without records, or null for a loop that never stops when idle */
    IdleStop(Duration idle, LongSupplier nanoTime) {
        this.idle = idle;
        this.nanoTime = nanoTime;
        this.lastRecords = nanoTime.getAsLong();
    }

    /** A poll returned records. */
    void records() {
        lastRecords = nanoTime.getAsLong();
    }

    /** After a poll that returned nothing: whether the loop should end. */
    boolean reached(Consumer<byte[], byte[]> consumer) {
        if (idle == null) {
            return false;
        }
        if (consumer.assignment().isEmpty()) {
            lastRecords = nanoTime.getAsLong();
        } else if (nanoTime.getAsLong() - lastRecords > idle.toNanos()) {
            if (EndOfInput.reached(consumer)) {
                return true;
            }
            // An unreachable broker is not idleness: the partitions may be full of work.
            lastRecords = nanoTime.getAsLong();
        }
        return false;
    }
}
