package dev.anomaly.ingest.format;

import dev.anomaly.common.event.MetricFields;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the parts of the standard fields while a format walks its series, and turns them into fields. */
final class StandardFieldSums {
    private static final double BYTES_PER_MB = 1e6;

    private double cpuTotal;
    private double cpuIdle;
    private boolean cpuSeen;
    /** Without an idle state (collectd's ReportByState false) busy over total says nothing. */
    private boolean cpuIdleSeen;
    private double memoryUsage = Double.NaN;
    private double diskBytes;
    private boolean diskSeen;
    private double networkBytes;
    private boolean networkSeen;

    /** One CPU state's share (jiffies per second, or percent): idle and I/O wait are not busy. */
    void cpuState(String state, double value) {
        cpuTotal += value;
        if ("idle".equals(state) || "wait".equals(state) || "iowait".equals(state)) {
            cpuIdle += value;
            cpuIdleSeen |= !"iowait".equals(state) && !"wait".equals(state);
        }
        cpuSeen = true;
    }

    void memoryUsage(double percent) {
        memoryUsage = percent;
    }

    void diskBytesPerSecond(double value) {
        diskBytes += value;
        diskSeen = true;
    }

    void networkBytesPerSecond(double value) {
        networkBytes += value;
        networkSeen = true;
    }

    Map<String, Double> fields() {
        Map<String, Double> fields = new LinkedHashMap<>();
        if (cpuSeen && cpuIdleSeen && cpuTotal > 0) {
            fields.put(MetricFields.CPU_USAGE, clampPercent(100 * (cpuTotal - cpuIdle) / cpuTotal));
        }
        if (Double.isFinite(memoryUsage)) {
            fields.put(MetricFields.MEMORY_USAGE, clampPercent(memoryUsage));
        }
        if (diskSeen) {
            fields.put(MetricFields.DISK_IO_MB, Math.max(0, diskBytes) / BYTES_PER_MB);
        }
        if (networkSeen) {
            fields.put(MetricFields.NETWORK_IO_MB, Math.max(0, networkBytes) / BYTES_PER_MB);
        }
        return finite(fields);
    }

    /** Only finite figures: sums of hostile values can overflow, and an event must be strict JSON. */
    private static Map<String, Double> finite(Map<String, Double> fields) {
        fields.values().removeIf(value -> !Double.isFinite(value));
        return fields;
    }

    private static double clampPercent(double value) {
        return Math.max(0, Math.min(100, value));
    }
}
