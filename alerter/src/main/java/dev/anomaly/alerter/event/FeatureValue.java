package dev.anomaly.alerter.event;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One model feature of an anomalous event: its value and its share of the reconstruction error.
 *
 * @param feature the field name, e.g. {@code cpu_usage}
 * @param share the feature's share of the error, 0 to 1
 * @param value the event's value of the field; empty when the record does not carry it
 */
public record FeatureValue(String feature, double share, OptionalDouble value) {
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
    }
}
