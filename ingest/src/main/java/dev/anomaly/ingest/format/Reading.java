package dev.anomaly.ingest.format;

import java.util.Objects;

/**
 * One numeric value an agent reported for a host.
 *
 * @param series which series the value belongs to (its feature name and, for line protocol, its other tags)
 * @param value the value; finite
 * @param kind whether it is a value of its own or a running total that becomes a rate
 */
public record Reading(SeriesId series, double value, Kind kind) {
    /** How a value relates to the one before it in the same series. */
    public enum Kind {
        /** A value of its own: a percentage, a size, a rate the agent already computed. */
        GAUGE,
        /** A running total that only grows; a smaller value means it was reset, and says nothing of the rate. */
        COUNTER,
        /** A running total that may also shrink (collectd's DERIVE): the rate may be negative. */
        DERIVE
    }

    public Reading {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a reading must be finite, got " + value);
        }
    }

    /** A gauge of the named feature, without other tags. */
    public static Reading gauge(String feature, double value) {
        return new Reading(new SeriesId(feature, ""), value, Kind.GAUGE);
    }
}
