package dev.anomaly.model;

import dev.anomaly.common.event.MetricFields;
import java.util.HashSet;
import java.util.List;

/**
 * Which fields of an event feed the model, and how many recent events of the same host form one input.
 *
 * @param features field names, in input order
 * @param window W: the input of an event is the last W values of each feature for its host, oldest
 *     first; an event without W values of history is not scored
 */
public record FeatureSpec(List<String> features, int window) {
    /** The most events one input may span; beyond it the per-host state grows for little gain. */
    public static final int MAX_WINDOW = 1000;

    public FeatureSpec {
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("at least one feature is needed");
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw new IllegalArgumentException("features must be distinct: " + features);
        }
        for (String feature : features) {
            if (feature.isBlank()) {
                throw new IllegalArgumentException("feature names must not be blank");
            }
            if (feature.equals(MetricFields.LABEL) || feature.equals(MetricFields.EPISODE)) {
                throw new IllegalArgumentException("'" + feature + "' is ground truth and never a model input");
            }
        }
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 1.." + MAX_WINDOW + ", got " + window);
        }
    }

    /** The generator's five metrics, one event per input. */
    public static FeatureSpec defaults() {
        return new FeatureSpec(MetricFields.METRICS, 1);
    }

    /** Number of features per event. */
    public int featureCount() {
        return features.size();
    }

    /** Number of metric values in one input: features × window. */
    public int metricInputs() {
        return features.size() * window;
    }
}
