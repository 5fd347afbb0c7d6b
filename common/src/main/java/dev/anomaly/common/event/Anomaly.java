package dev.anomaly.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An event the detector flagged, with what the alerter shows of it. Ground truth ({@code label},
 * {@code episode}) is deliberately absent: alerting must never depend on it.
 *
 * @param host the host the metrics came from
 * @param timestamp event time of the metrics (the alerter's clock runs on these)
 * @param severity the detector's grade
 * @param confidence error / threshold
 * @param error the reconstruction error
 * @param threshold the model's threshold
 * @param features the model's features, largest share of the error first
 * @param modelVersion the model bundle that scored the event
 * @param anomalousSince when the host's run of anomalies began ({@code detect --for}): the episode's start;
 *     the event's own time when the detector gave none, never later than it
 */
public record Anomaly(String host, Instant timestamp, Severity severity, double confidence, double error,
                      double threshold, List<FeatureValue> features, String modelVersion, Instant anomalousSince) {
    /** An anomaly that is its own start (no {@code --for}). */
    public Anomaly(String host, Instant timestamp, Severity severity, double confidence, double error,
                   double threshold, List<FeatureValue> features, String modelVersion) {
        this(host, timestamp, severity, confidence, error, threshold, features, modelVersion, timestamp);
    }

    public Anomaly {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(severity, "severity");
        requireFinite("confidence", confidence);
        requireFinite("error", error);
        requireFinite("threshold", threshold);
        features = List.copyOf(features);
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (anomalousSince == null || anomalousSince.isAfter(timestamp)) {
            anomalousSince = timestamp;
        }
    }

    /** Whether this anomaly is worse than another: higher severity, then higher confidence. */
    public boolean isWorseThan(Anomaly other) {
        int bySeverity = severity.compareTo(other.severity);
        return bySeverity != 0 ? bySeverity > 0 : confidence > other.confidence;
    }

    private static void requireFinite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
    }
}
