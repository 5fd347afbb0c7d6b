package dev.anomaly.agent.sample;

/**
 * What a host's counters read at one moment: cumulative CPU, disk and network counters (rates come from
 * two readings) and memory in use now.
 *
 * @param monotonicNanos when it was read, on this process's monotonic clock (rates divide by its difference)
 * @param cpuBusySeconds CPU time spent on anything but idle and I/O wait, summed over CPUs
 * @param cpuTotalSeconds all CPU time, summed over CPUs
 * @param memoryUsedPercent memory in use, without caches and buffers (100 − available / total)
 * @param diskBytes bytes read plus written by the disks since boot
 * @param networkBytes bytes received plus sent by the network interfaces but loopback since boot
 */
public record HostCounters(long monotonicNanos, double cpuBusySeconds, double cpuTotalSeconds,
                           double memoryUsedPercent, double diskBytes, double networkBytes) {
}
