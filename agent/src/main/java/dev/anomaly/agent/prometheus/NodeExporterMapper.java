package dev.anomaly.agent.prometheus;

import dev.anomaly.agent.sample.HostCounters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads node_exporter's standard metrics into a host's counters: {@code node_cpu_seconds_total} (busy =
 * every mode but idle and iowait), {@code node_memory_MemAvailable_bytes} of {@code MemTotal_bytes},
 * {@code node_disk_read_bytes_total} + {@code written}, {@code node_network_receive_bytes_total} +
 * {@code transmit} over every device but loopback.
 */
public final class NodeExporterMapper {
    private static final Set<String> NOT_BUSY = Set.of("idle", "iowait");
    private static final String LOOPBACK = "lo";

    private NodeExporterMapper() {
    }

    /**
     * @param monotonicNanos when the exposition was scraped
     * @throws IllegalArgumentException naming the first standard metric the exposition lacks
     */
    public static HostCounters counters(List<PromSample> samples, long monotonicNanos) {
        double busy = 0;
        double total = 0;
        double available = Double.NaN;
        double memory = Double.NaN;
        Map<String, Double> disk = new HashMap<>();
        Map<String, Double> network = new HashMap<>();
        boolean cpu = false;
        boolean disks = false;
        boolean interfaces = false;
        for (PromSample sample : samples) {
            switch (sample.name()) {
                case "node_cpu_seconds_total" -> {
                    cpu = true;
                    total += sample.value();
                    if (!NOT_BUSY.contains(sample.label("mode"))) {
                        busy += sample.value();
                    }
                }
                case "node_memory_MemAvailable_bytes" -> available = sample.value();
                case "node_memory_MemTotal_bytes" -> memory = sample.value();
                case "node_disk_read_bytes_total", "node_disk_written_bytes_total" -> {
                    disks = true;
                    disk.merge(sample.label("device"), sample.value(), Double::sum);
                }
                case "node_network_receive_bytes_total", "node_network_transmit_bytes_total" -> {
                    interfaces = true;
                    if (!LOOPBACK.equals(sample.label("device"))) {
                        network.merge(sample.label("device"), sample.value(), Double::sum);
                    }
                }
                default -> {
                    // other metrics are not the agent's
                }
            }
        }
        require(cpu, "node_cpu_seconds_total");
        require(!Double.isNaN(available), "node_memory_MemAvailable_bytes");
        require(memory > 0, "node_memory_MemTotal_bytes");
        require(disks, "node_disk_read_bytes_total");
        require(interfaces, "node_network_receive_bytes_total");
        return new HostCounters(monotonicNanos, busy, total, 100 * (1 - available / memory), disk, network);
    }

    private static void require(boolean present, String metric) {
        if (!present) {
            throw new IllegalArgumentException("no " + metric + " in the exposition: is it node_exporter's /metrics?");
        }
    }
}
