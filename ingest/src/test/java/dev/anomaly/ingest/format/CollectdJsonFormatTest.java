package dev.anomaly.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CollectdJsonFormatTest {
    private static final long RECORD_TIME = 1_796_300_000_000L;
    private final CollectdJsonFormat storeRates = new CollectdJsonFormat(true);

    @Test
    void recordedWriteKafkaValueListsBecomeFeaturesNamedAfterPluginTypeAndDataSource() throws Exception {
        TreeMap<SeriesId, Double> seen = new TreeMap<>();
        for (String line : fixtureLines()) {
            for (HostReadings host : storeRates.read(bytes(line), "random-key", RECORD_TIME)) {
                assertThat(host.host()).isEqualTo("collectd-host");
                host.readings().forEach(reading -> seen.put(reading.series(), reading.value()));
            }
        }

        assertThat(seen.keySet()).extracting(SeriesId::feature).contains("cpu-0.cpu-user", "cpu-1.cpu-idle",
                "memory.memory-used", "disk-vda.disk_octets.read", "interface-eth0.if_octets.tx",
                "interface-lo.if_octets.rx", "load.load.shortterm");
        assertThat(seen.keySet()).allSatisfy(series -> assertThat(series.tags()).isEmpty());
        assertThat(seen.get(new SeriesId("memory.memory-used", ""))).isGreaterThan(1e6);
    }

    @Test
    void nullValuesAreSkippedAndTheTimeIsTheValueListsInMilliseconds() throws Exception {
        String json = "[{\"values\":[null,12.5],\"dstypes\":[\"derive\",\"derive\"],\"dsnames\":[\"rx\",\"tx\"],"
                + "\"time\":1796300536.276,\"interval\":1.000,\"host\":\"h1\",\"plugin\":\"interface\","
                + "\"plugin_instance\":\"eth0\",\"type\":\"if_octets\",\"type_instance\":\"\"}]";

        List<HostReadings> hosts = storeRates.read(bytes(json), "k", RECORD_TIME);

        assertThat(hosts).singleElement().satisfies(host -> {
            assertThat(host.timestampMillis()).isEqualTo(1_796_300_536_276L);
            assertThat(host.readings()).containsExactly(
                    new Reading(new SeriesId("interface-eth0.if_octets.tx", ""), 12.5, Reading.Kind.GAUGE));
        });
    }

    @Test
    void withoutStoreRatesCountersAndDerivesAreRunningTotalsAndAbsoluteIsDividedByTheInterval()
            throws Exception {
        CollectdJsonFormat totals = new CollectdJsonFormat(false);
        String json = "[" + valueList("counter", 100) + "," + valueList("derive", 200) + ","
                + valueList("absolute", 30) + "," + valueList("gauge", 4) + "]";

        List<Reading> readings = totals.read(bytes(json), "k", RECORD_TIME).get(0).readings();

        assertThat(readings).extracting(Reading::kind).containsExactly(Reading.Kind.COUNTER, Reading.Kind.DERIVE,
                Reading.Kind.GAUGE, Reading.Kind.GAUGE);
        assertThat(readings).extracting(Reading::value).containsExactly(100.0, 200.0, 3.0, 4.0);
    }

    @Test
    void aValueListWithoutHostOrTimeTakesTheFallbackHostAndTheRecordsTime() throws Exception {
        String json = "{\"values\":[1],\"dstypes\":[\"gauge\"],\"dsnames\":[\"value\"],\"plugin\":\"p\","
                + "\"type\":\"t\"}";

        HostReadings host = storeRates.read(bytes(json), "fallback", RECORD_TIME).get(0);

        assertThat(host.host()).isEqualTo("fallback");
        assertThat(host.timestampMillis()).isEqualTo(RECORD_TIME);
        assertThat(host.readings()).extracting(r -> r.series().feature()).containsExactly("p.t");
    }

    @Test
    void recordsThatAreNotCollectdJsonAreRefusedWithAReason() {
        assertRefused("not json", Unreadable.NOT_JSON);
        assertRefused("", Unreadable.EMPTY);
        assertRefused("42", Unreadable.NOT_COLLECTD_JSON);
        assertRefused("[{\"values\":[1,2],\"dstypes\":[\"gauge\"],\"dsnames\":[\"a\",\"b\"],\"plugin\":\"p\","
                + "\"type\":\"t\"}]", Unreadable.NOT_COLLECTD_JSON);
        assertRefused("[{\"values\":[1],\"dstypes\":[\"gauge\"],\"dsnames\":[\"a\"],\"type\":\"t\"}]",
                Unreadable.NOT_COLLECTD_JSON);
        assertRefused("[{\"values\":[1],\"dstypes\":[\"gauge\"],\"dsnames\":[\"a\"],\"plugin\":\""
                + "p".repeat(2000) + "\",\"type\":\"t\"}]", Unreadable.NAME_TOO_LONG);
    }

    @Test
    void collectdsStandardFieldsComeFromCpuStatesMemoryWholeDisksAndExternalInterfaces() {
        TreeMap<SeriesId, Double> means = new TreeMap<>();
        put(means, "cpu-0.cpu-user", 30);
        put(means, "cpu-0.cpu-idle", 60);
        put(means, "cpu-0.cpu-wait", 10);
        put(means, "cpu-1.cpu-idle", 100);
        put(means, "memory.memory-used", 2);
        put(means, "memory.memory-cached", 3);
        put(means, "memory.memory-free", 4);
        put(means, "memory.memory-slab_unrecl", 1);
        put(means, "disk-sda.disk_octets.read", 1_000_000);
        put(means, "disk-sda1.disk_octets.read", 1_000_000);
        put(means, "disk-dm-0.disk_octets.write", 1_000_000);
        put(means, "disk-nvme0n1.disk_octets.write", 500_000);
        put(means, "interface-eth0.if_octets.rx", 250_000);
        put(means, "interface-lo.if_octets.tx", 9_000_000);

        Map<String, Double> fields = storeRates.standardFields(means);

        assertThat(fields).containsEntry("cpu_usage", 15.0).containsEntry("memory_usage", 30.0)
                .containsEntry("disk_io_mb", 1.5).containsEntry("network_io_mb", 0.25);
    }

    @Test
    void valuesPercentageIsUsedInsteadOfJiffiesWhenBothAreReported() {
        TreeMap<SeriesId, Double> means = new TreeMap<>();
        put(means, "cpu.percent-idle", 75);
        put(means, "cpu.percent-user", 25);
        put(means, "cpu-0.cpu-idle", 1);
        put(means, "cpu-0.cpu-user", 99);

        assertThat(storeRates.standardFields(means)).containsEntry("cpu_usage", 25.0);
    }

    private void assertRefused(String text, Unreadable reason) {
        assertThatThrownBy(() -> storeRates.read(bytes(text), "k", RECORD_TIME))
                .isInstanceOfSatisfying(UnreadableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static String valueList(String dsType, double value) {
        return "{\"values\":[" + value + "],\"dstypes\":[\"" + dsType + "\"],\"dsnames\":[\"value\"],"
                + "\"time\":1796300536.0,\"interval\":10.0,\"host\":\"h\",\"plugin\":\"p\",\"plugin_instance\":\"\","
                + "\"type\":\"" + dsType + "\",\"type_instance\":\"\"}";
    }

    private static void put(Map<SeriesId, Double> means, String feature, double value) {
        means.put(new SeriesId(feature, ""), value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> fixtureLines() throws IOException {
        try (InputStream in = CollectdJsonFormatTest.class
                .getResourceAsStream("/fixtures/collectd-write_kafka.jsonl")) {
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
