package dev.anomaly.generator.simulation;

import dev.anomaly.common.event.AnomalyType;
import java.time.Instant;

/**
 * One injected anomaly episode of a host.
 *
 * @param id unique within a run: host and sequence number, e.g. {@code web-1-e3}
 * @param type what is injected
 * @param start simulated start time (inclusive)
 * @param end simulated end time (exclusive)
 */
record Episode(String id, AnomalyType type, Instant start, Instant end) {
    boolean covers(Instant time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** How far into the episode {@code time} is, from 0 at the start towards 1 at the end. */
    double progress(Instant time) {
        double length = end.toEpochMilli() - start.toEpochMilli();
        return (time.toEpochMilli() - start.toEpochMilli()) / length;
    }
}
