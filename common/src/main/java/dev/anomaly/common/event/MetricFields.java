package dev.anomaly.common.event;

import java.util.List;

/** Field names of the metric event schema, shared by JSON, CSV and the model's feature spec. */
public final class MetricFields {
    public static final String TIMESTAMP = "timestamp";
    public static final String HOST = "host";
    public static final String CPU_USAGE = "cpu_usage";
    public static final String MEMORY_USAGE = "memory_usage";
    public static final String RESPONSE_TIME_MS = "response_time_ms";
    public static final String DISK_IO_MB = "disk_io_mb";
    public static final String NETWORK_IO_MB = "network_io_mb";
    /** Ground truth from the generator: null, or an {@link AnomalyType} label. Never a model input. */
    public static final String LABEL = "label";
    /** Ground truth from the generator: the id of the injected episode, or null. Never a model input. */
    public static final String EPISODE = "episode";

    /** The five metrics, in schema order: the default model features. */
    public static final List<String> METRICS =
            List.of(CPU_USAGE, MEMORY_USAGE, RESPONSE_TIME_MS, DISK_IO_MB, NETWORK_IO_MB);

    /** Every field, in the order the generator writes them. */
    public static final List<String> ALL =
            List.of(TIMESTAMP, HOST, CPU_USAGE, MEMORY_USAGE, RESPONSE_TIME_MS, DISK_IO_MB, NETWORK_IO_MB,
                    LABEL, EPISODE);

    private MetricFields() {
    }
}
