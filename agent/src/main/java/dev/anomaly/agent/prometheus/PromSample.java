package dev.anomaly.agent.prometheus;

import java.util.Map;

/**
 * One sample of a Prometheus text exposition: {@code name{label="value",…} value}.
 *
 * @param name the metric name, e.g. {@code node_cpu_seconds_total}
 * @param labels the labels by name
 * @param value the sample value (may be NaN or infinite, as the format allows)
 */
public record PromSample(String name, Map<String, String> labels, double value) {
    public PromSample {
        labels = Map.copyOf(labels);
    }

    /** The label's value, or "" when the sample has no such label (as PromQL reads a missing label). */
    public String label(String labelName) {
        return labels.getOrDefault(labelName, "");
    }
}
