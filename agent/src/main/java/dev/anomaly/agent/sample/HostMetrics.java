package dev.anomaly.agent.sample;

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
     * The figures between two readings, or empty when a counter went backwards (a reboot, an exporter
     * restart, an interface gone): that interval has no meaningful rate.
     */
    public static Optional<HostMetrics> between(HostCounters previous, HostCounters current) {
        double seconds = (current.monotonicNanos() - previous.monotonicNanos()) / 1e9;
        double busy = current.cpuBusySeconds() - previous.cpuBusySeconds();
        double total = current.cpuTotalSeconds() - previous.cpuTotalSeconds();
        double disk = current.diskBytes() - previous.diskBytes();
        double network = current.networkBytes() - previous.networkBytes();
        if (!(seconds > 0) || busy < 0 || total < 0 || disk < 0 || network < 0) {
            return Optional.empty();
        }
        double cpu = total > 0 ? 100 * busy / total : 0;
        return Optional.of(new HostMetrics(clampPercent(cpu), clampPercent(current.memoryUsedPercent()),
                disk / seconds / BYTES_PER_MB, network / seconds / BYTES_PER_MB));
    }

    private static double clampPercent(double value) {
        return Math.max(0, Math.min(100, value));
    }
}
