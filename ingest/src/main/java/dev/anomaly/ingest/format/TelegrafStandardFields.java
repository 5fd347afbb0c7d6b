package dev.anomaly.ingest.format;

import java.util.Map;
import java.util.SortedMap;

/**
 * The standard fields from Telegraf's usual inputs: cpu ({@code usage_idle} and {@code usage_iowait} of
 * {@code cpu-total}, else the mean of the CPUs), mem ({@code available_percent}, else {@code used_percent}),
 * diskio ({@code read_bytes} + {@code write_bytes} of whole disks) and net ({@code bytes_recv} +
 * {@code bytes_sent}, loopback excluded), the last two already turned into rates.
 */
final class TelegrafStandardFields {
    private TelegrafStandardFields() {
    }

    static Map<String, Double> derive(SortedMap<SeriesId, Double> means) {
        StandardFieldSums sums = new StandardFieldSums();
        boolean total = means.keySet().stream()
                .anyMatch(s -> s.feature().equals("cpu.usage_idle") && "cpu-total".equals(s.tag("cpu")));
        double available = Double.NaN;
        double used = Double.NaN;
        for (Map.Entry<SeriesId, Double> entry : means.entrySet()) {
            SeriesId series = entry.getKey();
            double value = entry.getValue();
            switch (series.feature()) {
                case "cpu.usage_idle", "cpu.usage_iowait" -> {
                    if (total == "cpu-total".equals(series.tag("cpu"))) {
                        // Each CPU's states add up to 100: idle and wait move their share out of the rest.
                        boolean idle = series.feature().endsWith("idle");
                        sums.cpuState(idle ? "idle" : "iowait", value);
                        sums.cpuState("other", idle ? 100 - value : -value);
                    }
                }
                case "mem.available_percent" -> available = value;
                case "mem.used_percent" -> used = value;
                case "diskio.read_bytes", "diskio.write_bytes" -> {
                    if (BlockDevices.isWholeDisk(series.tag("name"))) {
                        sums.diskBytesPerSecond(value);
                    }
                }
                case "net.bytes_recv", "net.bytes_sent" -> {
                    if (BlockDevices.isExternalInterface(series.tag("interface"))) {
                        sums.networkBytesPerSecond(value);
                    }
                }
                default -> {
                    // not one of the standard fields' inputs
                }
            }
        }
        if (Double.isFinite(available)) {
            sums.memoryUsage(100 - available);
        } else if (Double.isFinite(used)) {
            sums.memoryUsage(used);
        }
        return sums.fields();
    }
}
