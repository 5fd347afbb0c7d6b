package dev.anomaly.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InfluxLineFormatTest {
    private static final long RECORD_TIME = 1_796_300_000_000L;
    private final InfluxLineFormat format = new InfluxLineFormat();

    @Test
    void telegrafsLinesBecomeOneHostsReadingsNamedMeasurementDotField() throws Exception {
        List<HostReadings> hosts = format.read(fixture(), "the-key", RECORD_TIME);

        assertThat(hosts).hasSize(1);
        HostReadings web = hosts.get(0);
        assertThat(web.host()).isEqualTo("web-01");
        assertThat(web.timestampMillis()).isEqualTo(1_796_300_530_000L);
        Map<SeriesId, Reading> bySeries = web.readings().stream()
                .collect(Collectors.toMap(Reading::series, r -> r, (a, b) -> b, TreeMap::new));
        assertThat(bySeries.get(new SeriesId("cpu.usage_idle", "cpu=cpu-total")).value()).isEqualTo(92.5);
        assertThat(bySeries.get(new SeriesId("mem.total", "")).value()).isEqualTo(8_589_934_592.0);
        assertThat(bySeries.get(new SeriesId("system.uptime", "")).value()).isEqualTo(86_400.0);
        assertThat(bySeries.get(new SeriesId("net.bytes_recv", "interface=eth0")).kind())
                .isEqualTo(Reading.Kind.COUNTER);
        assertThat(bySeries.get(new SeriesId("mem.used_percent", "")).kind()).isEqualTo(Reading.Kind.GAUGE);
        assertThat(bySeries).doesNotContainKey(new SeriesId("system.uptime_format", ""));
    }

    @Test
    void escapedCommasSpacesAndEqualsSignsArePartOfTheirNames() throws Exception {
        String line = "disk\\ usage,host=db\\,1,path=/var/lib\\ data,kind=a\\=b "
                + "used\\ pct=42.5,inodes=7i,ok=true,note=\"a, b=\\\"c\\\" d\" 1796300530";

        HostReadings host = format.read(bytes(line), "key", RECORD_TIME).get(0);

        assertThat(host.host()).isEqualTo("db,1");
        assertThat(host.timestampMillis()).isEqualTo(1_796_300_530_000L);
        assertThat(host.readings()).extracting(Reading::series).containsExactly(
                new SeriesId("disk usage.used pct", "kind=a\\=b,path=/var/lib data"),
                new SeriesId("disk usage.inodes", "kind=a\\=b,path=/var/lib data"),
                new SeriesId("disk usage.ok", "kind=a\\=b,path=/var/lib data"));
        assertThat(host.readings().get(0).series().tag("kind")).isEqualTo("a=b");
        assertThat(host.readings().get(0).series().tag("path")).isEqualTo("/var/lib data");
        assertThat(host.readings()).extracting(Reading::value).containsExactly(42.5, 7.0, 1.0);
    }

    @Test
    void aLineWithoutHostTagOrTimestampTakesTheRecordsKeyAndTime() throws Exception {
        HostReadings host = format.read(bytes("temperature value=21.5"), "sensor-7", RECORD_TIME).get(0);

        assertThat(host.host()).isEqualTo("sensor-7");
        assertThat(host.timestampMillis()).isEqualTo(RECORD_TIME);
    }

    @Test
    void timestampsAreReadInThePrecisionTheirSizeImplies() {
        assertThat(InfluxLineFormat.toMillis(1_796_300_530L)).isEqualTo(1_796_300_530_000L);
        assertThat(InfluxLineFormat.toMillis(1_796_300_530_123L)).isEqualTo(1_796_300_530_123L);
        assertThat(InfluxLineFormat.toMillis(1_796_300_530_123_456L)).isEqualTo(1_796_300_530_123L);
        assertThat(InfluxLineFormat.toMillis(1_796_300_530_123_456_789L)).isEqualTo(1_796_300_530_123L);
    }

    @Test
    void unsignedIntegersAboveLongsRangeKeepTheirValue() throws Exception {
        HostReadings host = format.read(bytes("c,host=h big=18446744073709551615u"), "k", RECORD_TIME).get(0);

        assertThat(host.readings().get(0).value()).isEqualTo(1.8446744073709552E19);
    }

    @Test
    void brokenLinesAreRefusedWithWhereTheyBreak() {
        assertRefused("cpu", Unreadable.NOT_LINE_PROTOCOL, "line 1: the fields must follow a space");
        assertRefused("cpu,host value=1", Unreadable.NOT_LINE_PROTOCOL, "a tag needs key=value");
        assertRefused("cpu value=abc", Unreadable.NOT_LINE_PROTOCOL, "'abc' is not a number");
        assertRefused("cpu value=NaN", Unreadable.NOT_LINE_PROTOCOL, "'NaN' is not a number");
        assertRefused("cpu value=1 12:00", Unreadable.NOT_LINE_PROTOCOL, "timestamp '12:00' is not an integer");
        assertRefused("cpu s=\"open", Unreadable.NOT_LINE_PROTOCOL, "a string field is not closed");
        assertRefused("ok value=1\n bad", Unreadable.NOT_LINE_PROTOCOL, "line 2:");
        assertRefused("  \n", Unreadable.EMPTY, "no line");
    }

    @Test
    void invalidUtf8IsRefused() {
        assertThatThrownBy(() -> format.read(new byte[] {'c', ' ', 'v', '=', '1', (byte) 0xC3}, "k", RECORD_TIME))
                .isInstanceOfSatisfying(UnreadableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Unreadable.INVALID_UTF8));
    }

    @Test
    void hugeNumbersThatAreNotFiniteAreSkippedNotRefused() throws Exception {
        List<HostReadings> hosts = format.read(bytes("c,host=h a=1e999,b=2"), "k", RECORD_TIME);

        assertThat(hosts.get(0).readings()).extracting(r -> r.series().feature()).containsExactly("c.b");
    }

    @Test
    void telegrafsStandardFieldsComeFromCpuTotalMemAndWholeDisksAndExternalInterfaces() {
        TreeMap<SeriesId, Double> means = new TreeMap<>();
        means.put(new SeriesId("cpu.usage_idle", "cpu=cpu-total"), 92.5);
        means.put(new SeriesId("cpu.usage_iowait", "cpu=cpu-total"), 1.5);
        means.put(new SeriesId("cpu.usage_idle", "cpu=cpu0"), 10.0);
        means.put(new SeriesId("mem.available_percent", ""), 75.0);
        means.put(new SeriesId("diskio.read_bytes", "name=sda"), 1_000_000.0);
        means.put(new SeriesId("diskio.write_bytes", "name=sda"), 2_000_000.0);
        means.put(new SeriesId("diskio.write_bytes", "name=sda1"), 2_000_000.0);
        means.put(new SeriesId("net.bytes_recv", "interface=eth0"), 500_000.0);
        means.put(new SeriesId("net.bytes_sent", "interface=lo"), 9_000_000.0);

        Map<String, Double> fields = format.standardFields(means);

        assertThat(fields).containsEntry("cpu_usage", 6.0).containsEntry("memory_usage", 25.0)
                .containsEntry("disk_io_mb", 3.0).containsEntry("network_io_mb", 0.5);
    }

    @Test
    void withoutCpuTotalTheCpusAreAveraged() {
        TreeMap<SeriesId, Double> means = new TreeMap<>();
        means.put(new SeriesId("cpu.usage_idle", "cpu=cpu0"), 90.0);
        means.put(new SeriesId("cpu.usage_idle", "cpu=cpu1"), 70.0);
        means.put(new SeriesId("mem.used_percent", ""), 40.0);

        assertThat(format.standardFields(means)).containsEntry("cpu_usage", 20.0).containsEntry("memory_usage", 40.0)
                .doesNotContainKeys("disk_io_mb", "network_io_mb");
    }

    private void assertRefused(String text, Unreadable reason, String detail) {
        assertThatThrownBy(() -> format.read(bytes(text), "k", RECORD_TIME))
                .isInstanceOfSatisfying(UnreadableRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = InfluxLineFormatTest.class.getResourceAsStream("/fixtures/telegraf-influx.txt")) {
            return in.readAllBytes();
        }
    }
}
