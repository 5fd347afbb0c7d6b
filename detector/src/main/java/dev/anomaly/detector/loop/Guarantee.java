package dev.anomaly.detector.loop;

import java.util.Locale;

/** The processing guarantee of the streaming detector. */
public enum Guarantee {
    /**
     * Outputs and input offsets commit in one Kafka transaction: a read_committed reader sees every input
     * event's outputs exactly once, even if the detector is killed.
     */
    EXACTLY_ONCE,
    /** Outputs are flushed before offsets are committed: nothing is lost, a crash may repeat a batch. */
    AT_LEAST_ONCE;

    /** The name on the command line: exactly-once or at-least-once. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Guarantee fromId(String id) {
        for (Guarantee guarantee : values()) {
            if (guarantee.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return guarantee;
            }
        }
        throw new IllegalArgumentException("unknown guarantee '" + id + "'; use exactly-once or at-least-once");
    }
}
