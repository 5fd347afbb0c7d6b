package dev.anomaly.agent.sample;

import java.util.Map;

/**
 * What a host's counters read at one moment: cumulative CPU, disk and network counters (rates come from
 * two readings) and memory in use now.
 *
 * @param monotonicNanos when it was read, on this process's monotonic clock (rates divide by its difference)
 * @param cpuBusySeconds CPU time spent on anything but idle and I/O wait, summed over CPUs
 * @param cpuTotalSeconds all CPU time, summed over CPUs
 * @param memoryUsedPercent memory in use, without caches and buffers (100 − available / total)
 * @param diskBytes per disk, bytes read plus written since boot
 * @param networkBytes per network interface but loopback, bytes received plus sent since boot
 */
public record HostCounters(long monotonicNanos, double cpuBusySeconds, double cpuTotalSeconds,
                           double memoryUsedPercent, Map<String, Double> diskBytes, Map<String, Double> networkBytes) {
    public HostCounters {
        diskBytes = Map.copyOf(diskBytes);
        networkBytes = Map.copyOf(networkBytes);
    }
}
