package dev.anomaly.common.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One sample of a host's metrics, as the generator produces it.
 *
 * @param timestamp when the sample was taken (simulated time for generated data)
 * @param host the host name; also the Kafka record key
 * @param cpuUsage CPU usage in percent, 0 to 100
 * @param memoryUsage memory usage in percent, 0 to 100
 * @param responseTimeMs response time in milliseconds
 * @param diskIoMb disk I/O in MB
 * @param networkIoMb network I/O in MB
 * @param label ground truth: the injected anomaly, or null for normal behaviour
 * @param episode ground truth: the id of the injected episode, or null
 */
public record MetricEvent(Instant timestamp, String host, double cpuUsage, double memoryUsage,
                          double responseTimeMs, double diskIoMb, double networkIoMb,
                          AnomalyType label, String episode) {
    public MetricEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        requireFinite(MetricFields.CPU_USAGE, cpuUsage);
        requireFinite(MetricFields.MEMORY_USAGE, memoryUsage);
        requireFinite(MetricFields.RESPONSE_TIME_MS, responseTimeMs);
        requireFinite(MetricFields.DISK_IO_MB, diskIoMb);
        requireFinite(MetricFields.NETWORK_IO_MB, networkIoMb);
        if ((label == null) != (episode == null)) {
            throw new IllegalArgumentException("label and episode must both be set or both be null");
        }
    }

    /** Whether the generator injected an anomaly into this sample. */
    public boolean isAnomalous() {
        return label != null;
    }

    /** The five metrics in {@link MetricFields#METRICS} order. */
    public double[] metrics() {
        return new double[] {cpuUsage, memoryUsage, responseTimeMs, diskIoMb, networkIoMb};
    }

    private static void requireFinite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
    }
}
