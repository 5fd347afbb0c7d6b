package dev.anomaly.common.event;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One model feature of an anomalous event: its value, its share of the model's error, and what the model
 * expected and the host's typical range when the record carries them.
 *
 * @param feature the field name, e.g. {@code cpu_usage}
 * @param share the feature's share of the error, 0 to 1
 * @param value the event's value of the field; empty when the record does not carry it
 * @param expected what the model expected of the field, in its unit; empty when the model gives none
 * @param typical the host's typical range of the field; empty when the record has none
 */
public record FeatureValue(String feature, double share, OptionalDouble value, OptionalDouble expected,
                           Optional<TypicalRange> typical) {
    public FeatureValue {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("feature name must not be blank");
        }
        if (!Double.isFinite(share) || share < 0) {
            throw new IllegalArgumentException("share of " + feature + " must be a non-negative number, got " + share);
        }
        Objects.requireNonNull(value, "value");
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException(feature + " must be a finite number");
        }
        Objects.requireNonNull(expected, "expected");
        if (expected.isPresent() && !Double.isFinite(expected.getAsDouble())) {
            throw new IllegalArgumentException("the expected " + feature + " must be a finite number");
        }
        Objects.requireNonNull(typical, "typical");
    }

    /** A feature without a typical range. */
    public FeatureValue(String feature, double share, OptionalDouble value, OptionalDouble expected) {
        this(feature, share, value, expected, Optional.empty());
    }

    /** A feature without an expected value. */
    public FeatureValue(String feature, double share, OptionalDouble value) {
        this(feature, share, value, OptionalDouble.empty());
    }
}
