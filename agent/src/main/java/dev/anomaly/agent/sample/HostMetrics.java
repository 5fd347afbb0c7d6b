package dev.anomaly.agent.sample;

import java.util.Map;
import java.util.Optional;

/**
 * The event schema's machine figures over one interval, from two readings of the counters.
 *
 * @param cpuUsage percent of CPU time busy (not idle, not waiting on I/O), 0–100
 * @param memoryUsage percent of memory in use now, without caches, 0–100
 * @param diskIoMb megabytes (10⁶ bytes) per second read plus written
 * @param networkIoMb megabytes per second received plus sent, loopback excluded
 */
public record HostMetrics(double cpuUsage, double memoryUsage, double diskIoMb, double networkIoMb) {
    private static final double BYTES_PER_MB = 1e6;

    /**
     * The figures between two readings, or empty when the CPU counters went backwards (a reboot, an
     * exporter restart): that interval has no meaningful rate. Disks and interfaces count only when present
     * in both readings and not reset, so a container's interface coming or going costs nothing.
     */
    public static Optional<HostMetrics> between(HostCounters previous, HostCounters current) {
        double seconds = (current.monotonicNanos() - previous.monotonicNanos()) / 1e9;
        double busy = current.cpuBusySeconds() - previous.cpuBusySeconds();
        double total = current.cpuTotalSeconds() - previous.cpuTotalSeconds();
        if (!(seconds > 0) || busy < 0 || total < 0 || !Double.isFinite(current.memoryUsedPercent())) {
            return Optional.empty();
        }
        double cpu = total > 0 ? 100 * busy / total : 0;
        return Optional.of(new HostMetrics(clampPercent(cpu), clampPercent(current.memoryUsedPercent()),
                grown(previous.diskBytes(), current.diskBytes()) / seconds / BYTES_PER_MB,
                grown(previous.networkBytes(), current.networkBytes()) / seconds / BYTES_PER_MB));
    }

    /** Bytes added over devices present in both readings; a device whose counter went back adds nothing. */
    private static double grown(Map<String, Double> previous, Map<String, Double> current) {
        double sum = 0;
        for (Map.Entry<String, Double> device : current.entrySet()) {
            Double before = previous.get(device.getKey());
            if (before != null && device.getValue() >= before) {
                sum += device.getValue() - before;
            }
        }
        return sum;
    }

    private static double clampPercent(double value) {
        return Math.max(0, Math.min(100, value));
    }
}
