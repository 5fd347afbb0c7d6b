package dev.anomaly.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.anomaly.agent.sample.HostCounters;
import dev.anomaly.agent.sample.HostMetrics;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeExporterMapperTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void twoRealScrapesGiveTheFiveFieldsWithinTheirRanges() throws IOException {
        HostCounters first = NodeExporterMapper.counters(
                PromTextParser.parse(PromTextParserTest.fixture("node-exporter-1.5.0-first.txt")), 0);
        HostCounters second = NodeExporterMapper.counters(
                PromTextParser.parse(PromTextParserTest.fixture("node-exporter-1.5.0-second.txt")), 2 * SECOND);

        HostMetrics metrics = HostMetrics.between(first, second).orElseThrow();

        assertThat(metrics.cpuUsage()).isBetween(0.0, 100.0);
        assertThat(metrics.memoryUsage()).isBetween(0.0, 100.0);
        assertThat(metrics.diskIoMb()).isNotNegative();
        assertThat(metrics.networkIoMb()).isNotNegative();
    }

    @Test
    void cpuIsBusyOverAllCpusAndMemoryExcludesCachesAndLoopbackIsLeftOut() {
        String before = """
                node_cpu_seconds_total{cpu="0",mode="idle"} 100
                node_cpu_seconds_total{cpu="0",mode="iowait"} 10
                node_cpu_seconds_total{cpu="0",mode="user"} 50
                node_cpu_seconds_total{cpu="1",mode="idle"} 100
                node_cpu_seconds_total{cpu="1",mode="system"} 40
                node_memory_MemAvailable_bytes 6e9
                node_memory_MemTotal_bytes 8e9
                node_disk_read_bytes_total{device="sda"} 1e9
                node_disk_written_bytes_total{device="sda"} 2e9
                node_network_receive_bytes_total{device="eth0"} 5e8
                node_network_transmit_bytes_total{device="eth0"} 1e8
                node_network_receive_bytes_total{device="lo"} 9e9
                node_network_transmit_bytes_total{device="lo"} 9e9
                """;
        String after = before.replace("{cpu=\"0\",mode=\"idle\"} 100", "{cpu=\"0\",mode=\"idle\"} 101")
                .replace("mode=\"iowait\"} 10", "mode=\"iowait\"} 11")
                .replace("mode=\"user\"} 50", "mode=\"user\"} 51")
                .replace("{cpu=\"1\",mode=\"idle\"} 100", "{cpu=\"1\",mode=\"idle\"} 100.5")
                .replace("mode=\"system\"} 40", "mode=\"system\"} 41.5")
                .replace("read_bytes_total{device=\"sda\"} 1e9", "read_bytes_total{device=\"sda\"} 1.004e9")
                .replace("receive_bytes_total{device=\"eth0\"} 5e8", "receive_bytes_total{device=\"eth0\"} 5.02e8")
                .replace("{device=\"lo\"} 9e9", "{device=\"lo\"} 10e9");

        HostMetrics metrics = HostMetrics.between(
                NodeExporterMapper.counters(PromTextParser.parse(before), 0),
                NodeExporterMapper.counters(PromTextParser.parse(after), 2 * SECOND)).orElseThrow();

        // busy: user +1 and system +1.5 of 5 CPU-seconds in all (idle +1.5 and iowait +1 are not busy)
        assertThat(metrics.cpuUsage()).isCloseTo(50.0, within(1e-9));
        assertThat(metrics.memoryUsage()).isCloseTo(25.0, within(1e-9));
        assertThat(metrics.diskIoMb()).isCloseTo(2.0, within(1e-9));
        assertThat(metrics.networkIoMb()).as("loopback left out").isCloseTo(1.0, within(1e-9));
    }

    @Test
    void anExpositionWithoutTheStandardMetricsSaysWhichIsMissing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NodeExporterMapper.counters(List.of(new PromSample("up", java.util.Map.of(), 1)), 0))
                .withMessageContaining("node_cpu_seconds_total");
    }
}
