package dev.anomaly.ingest.format;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard fields from collectd's usual plugins: cpu (jiffies per state, or {@code ValuesPercentage}),
 * memory, disk ({@code disk_octets}) and interface ({@code if_octets}).
 */
final class CollectdStandardFields {
    private static final Pattern CPU = Pattern.compile("cpu(?:-[^.]*)?\\.(cpu|percent)-(.+)");
    private static final Pattern MEMORY = Pattern.compile("memory\\.(memory|percent)-(.+)");
    private static final Pattern DISK = Pattern.compile("disk-(.+)\\.disk_octets\\.(?:read|write)");
    private static final Pattern INTERFACE = Pattern.compile("interface-(.+)\\.if_octets\\.(?:rx|tx)");
    /** Memory that the kernel gives back when asked: not "in use", as the agent counts it. */
    private static final Set<String> RECLAIMABLE = Set.of("free", "buffered", "cached", "slab_recl");

    private CollectdStandardFields() {
    }

    static Map<String, Double> derive(SortedMap<SeriesId, Double> means) {
        // Percentages when collectd reports them, else absolute figures: never both, or they would add up.
        boolean cpuPercent = means.keySet().stream().anyMatch(s -> matches(CPU, s, 1, "percent"));
        boolean memoryBytes = means.keySet().stream().anyMatch(s -> matches(MEMORY, s, 1, "memory"));
        StandardFieldSums sums = new StandardFieldSums();
        double memoryTotal = 0;
        double memoryReclaimable = 0;
        for (Map.Entry<SeriesId, Double> entry : means.entrySet()) {
            String feature = entry.getKey().feature();
            double value = entry.getValue();
            Matcher cpu = CPU.matcher(feature);
            Matcher memory = MEMORY.matcher(feature);
            Matcher disk = DISK.matcher(feature);
            Matcher network = INTERFACE.matcher(feature);
            if (cpu.matches() && cpu.group(1).equals(cpuPercent ? "percent" : "cpu")) {
                sums.cpuState(cpu.group(2), value);
            } else if (memory.matches() && memory.group(1).equals(memoryBytes ? "memory" : "percent")
                    && !"available".equals(memory.group(2))) {
                memoryTotal += value;
                memoryReclaimable += RECLAIMABLE.contains(memory.group(2)) ? value : 0;
            } else if (disk.matches() && BlockDevices.isWholeDisk(disk.group(1))) {
                sums.diskBytesPerSecond(value);
            } else if (network.matches() && BlockDevices.isExternalInterface(network.group(1))) {
                sums.networkBytesPerSecond(value);
            }
        }
        if (memoryTotal > 0) {
            sums.memoryUsage(100 * (memoryTotal - memoryReclaimable) / memoryTotal);
        }
        return sums.fields();
    }

    private static boolean matches(Pattern pattern, SeriesId series, int group, String expected) {
        Matcher matcher = pattern.matcher(series.feature());
        return matcher.matches() && matcher.group(group).equals(expected);
    }
}
