package dev.anomaly.ingest.format;

import java.util.regex.Pattern;

/** Which block devices count towards disk_io_mb: whole disks, so that no byte is counted twice. */
final class BlockDevices {
    /** Partitions (sda1, nvme0n1p2, mmcblk0p1) repeat their disk's bytes. */
    private static final Pattern PARTITION =
            Pattern.compile("(?:[shv]d[a-z]+|xvd[a-z]+)\\d+|(?:nvme\\d+n\\d+|mmcblk\\d+|md\\d+)p\\d+");
    /**
     * Virtual devices: device-mapper and software RAID sit on top of disks already counted; loop, RAM and
     * optical devices are not the machine's disk load.
     */
    private static final Pattern VIRTUAL = Pattern.compile("(?:dm-|md|loop|ram|zram|sr|fd)\\d*.*");

    private BlockDevices() {
    }

    static boolean isWholeDisk(String device) {
        return device != null && !device.isEmpty() && !PARTITION.matcher(device).matches()
                && !VIRTUAL.matcher(device).matches();
    }

    /** Loopback traffic never leaves the machine. */
    static boolean isExternalInterface(String name) {
        return name != null && !name.isEmpty() && !"lo".equals(name) && !"all".equals(name);
    }
}
