package dev.anomaly.alerter.testing;

import dev.anomaly.alerter.delivery.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** A clock that only moves when delivery waits: waits are recorded, and none takes real time. */
public final class SimulatedTime implements Waiter, LongSupplier {
    private final List<Duration> waits = new ArrayList<>();
    private long nanos;

    @Override
    public boolean await(Duration duration) {
        if (!duration.isZero() && !duration.isNegative()) {
            waits.add(duration);
            nanos += duration.toNanos();
        }
        return false;
    }

    @Override
    public long getAsLong() {
        return nanos;
    }

    /** The waits asked for so far, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** Moves the clock without a wait (time spent elsewhere). */
    public void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
