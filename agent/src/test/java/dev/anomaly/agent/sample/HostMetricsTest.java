package dev.anomaly.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostMetricsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Map<String, Double> DISK = Map.of("sda", 5e9);
    private static final Map<String, Double> NETWORK = Map.of("eth0", 7e9);

    @Test
    void cpuCountersThatWentBackwardsGiveNoEventForThatInterval() {
        HostCounters before = new HostCounters(0, 10, 100, 40, DISK, NETWORK);
        HostCounters rebooted = new HostCounters(SECOND, 1, 5, 40, Map.of("sda", 1e6), Map.of("eth0", 2e6));

        assertThat(HostMetrics.between(before, rebooted)).isEmpty();
    }

    @Test
    void noTimeBetweenReadingsGivesNoEvent() {
        HostCounters reading = new HostCounters(SECOND, 10, 100, 40, DISK, NETWORK);

        assertThat(HostMetrics.between(reading, reading)).isEmpty();
    }

    @Test
    void anInterfaceThatCameWentOrWasResetAddsNothingAndTheOthersStillCount() {
        HostCounters before = new HostCounters(0, 10, 100, 40, DISK,
                Map.of("eth0", 7e9, "veth1", 1e9, "veth2", 5e8));
        HostCounters after = new HostCounters(2 * SECOND, 11, 102, 40, Map.of("sda", 5.002e9),
                Map.of("eth0", 7.004e9, "veth2", 1e3, "veth3", 9e9));

        HostMetrics metrics = HostMetrics.between(before, after).orElseThrow();

        assertThat(metrics.cpuUsage()).isCloseTo(50.0, within(1e-9));
        assertThat(metrics.diskIoMb()).isCloseTo(1.0, within(1e-9));
        assertThat(metrics.networkIoMb()).as("eth0 only").isCloseTo(2.0, within(1e-9));
    }

    @Test
    void anIdleIntervalIsZeroBusyAndPercentagesStayWithinTheirRange() {
        HostCounters before = new HostCounters(0, 10, 100, 101, DISK, NETWORK);
        HostCounters after = new HostCounters(SECOND, 10, 100, 101, DISK, NETWORK);

        HostMetrics metrics = HostMetrics.between(before, after).orElseThrow();

        assertThat(metrics.cpuUsage()).isZero();
        assertThat(metrics.memoryUsage()).isEqualTo(100);
        assertThat(metrics.diskIoMb()).isZero();
    }
}
