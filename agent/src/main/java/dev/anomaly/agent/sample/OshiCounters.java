package dev.anomaly.agent.sample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

/**
 * This machine's counters through OSHI: CPU ticks, available memory, the disks' bytes and the network
 * interfaces' bytes (OSHI leaves loopback out when asked for non-local interfaces).
 */
public final class OshiCounters implements CounterSource {
    /** OSHI's CPU ticks are milliseconds. */
    private static final double TICKS_PER_SECOND = 1000;

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final List<HWDiskStore> disks;
    private final List<NetworkIF> interfaces;

    public OshiCounters() {
        HardwareAbstractionLayer hardware = new SystemInfo().getHardware();
        this.processor = hardware.getProcessor();
        this.memory = hardware.getMemory();
        this.disks = hardware.getDiskStores();
        this.interfaces = hardware.getNetworkIFs(false);
    }

    @Override
    public HostCounters read() {
        try {
            long[] ticks = processor.getSystemCpuLoadTicks();
            double total = 0;
            for (long tick : ticks) {
                total += tick;
            }
            double idle = ticks[TickType.IDLE.getIndex()] + ticks[TickType.IOWAIT.getIndex()];
            double used = 100 * (1 - memory.getAvailable() / (double) memory.getTotal());
            Map<String, Double> disk = new HashMap<>();
            for (HWDiskStore store : disks) {
                store.updateAttributes();
                disk.merge(store.getName(), (double) (store.getReadBytes() + store.getWriteBytes()), Double::sum);
            }
            Map<String, Double> network = new HashMap<>();
            for (NetworkIF networkIf : interfaces) {
                networkIf.updateAttributes();
                network.merge(networkIf.getName(), (double) (networkIf.getBytesRecv() + networkIf.getBytesSent()),
                        Double::sum);
            }
            return new HostCounters(System.nanoTime(), (total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND,
                    used, disk, network);
        } catch (RuntimeException e) {
            throw new SampleException("cannot read this machine's counters: " + e, e);
        }
    }

    @Override
    public String describe() {
        return "this machine (" + disks.size() + " disks, " + interfaces.size() + " network interfaces)";
    }
}
