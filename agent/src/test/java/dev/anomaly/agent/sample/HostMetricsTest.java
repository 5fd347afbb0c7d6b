package dev.anomaly.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostMetricsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aCounterThatWentBackwardsGivesNoEventForThatInterval() {
        HostCounters before = new HostCounters(0, 10, 100, 40, 5e9, 7e9);
        HostCounters rebooted = new HostCounters(SECOND, 1, 5, 40, 1e6, 2e6);

        assertThat(HostMetrics.between(before, rebooted)).isEmpty();
    }

    @Test
    void noTimeBetweenReadingsGivesNoEvent() {
        HostCounters reading = new HostCounters(SECOND, 10, 100, 40, 5e9, 7e9);

        assertThat(HostMetrics.between(reading, reading)).isEmpty();
    }

    @Test
    void anIdleIntervalIsZeroBusyAndPercentagesStayWithinTheirRange() {
        HostCounters before = new HostCounters(0, 10, 100, 101, 5e9, 7e9);
        HostCounters after = new HostCounters(SECOND, 10, 100, 101, 5e9, 7e9);

        HostMetrics metrics = HostMetrics.between(before, after).orElseThrow();

        assertThat(metrics.cpuUsage()).isZero();
        assertThat(metrics.memoryUsage()).isEqualTo(100);
        assertThat(metrics.diskIoMb()).isZero();
    }
}
