package dev.anomaly.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.ingest.format.CollectdJsonFormat;
import dev.anomaly.ingest.format.InfluxLineFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole topology, record by record, in Kafka Streams' own test driver. */
class IngestTopologyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, byte[]> events;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void recordedCollectdRecordsGiveOneEventPerHostPerSecondWithTheStandardFields() throws IOException {
        start(new CollectdJsonFormat(true), Duration.ofSeconds(1), Duration.ofSeconds(2));
        List<String> lines = fixtureLines("/fixtures/collectd-write_kafka.jsonl");
        Instant recorded = Instant.ofEpochSecond(1_796_300_536L);

        lines.forEach(line -> input.pipeInput(new TestRecord<>(null, bytes(line), recorded)));
        // Later records move stream time on, so that every recorded second closes.
        input.pipeInput(new TestRecord<>(null, bytes(gaugeList("collectd-host", 1_796_300_560.0)), recorded));

        List<TestRecord<String, byte[]>> out = events.readRecordsToList();
        // Four recorded seconds (536-539); 536 lacks the rates collectd did not know yet and 537 the disk's, so
        // 538 is the first interval written, then 539: the gauge at 560 closes them.
        assertThat(out).extracting(TestRecord::timestamp).containsExactly(1_796_300_538_000L, 1_796_300_539_000L);
        for (TestRecord<String, byte[]> record : out) {
            JsonNode event = JSON.readTree(record.value());
            assertThat(record.key()).isEqualTo("collectd-host");
            assertThat(event.get("host").asText()).isEqualTo("collectd-host");
            assertThat(Instant.parse(event.get("timestamp").asText()).toEpochMilli())
                    .isEqualTo(record.timestamp()).matches(time -> time % 1000 == 0);
            assertThat(event.get("label").isNull()).isTrue();
            assertThat(event.get("cpu_usage").asDouble()).isBetween(0.0, 100.0);
            assertThat(event.get("memory_usage").asDouble()).isBetween(0.0, 100.0);
            assertThat(event.has("disk_io_mb")).isTrue();
            assertThat(event.has("network_io_mb")).isTrue();
            assertThat(event.has("load.load.shortterm")).isTrue();
        }
        assertThat(out).extracting(TestRecord::timestamp).doesNotHaveDuplicates().isSorted();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aHostsFirstIntervalIsWrittenWhenItIsCompleteAndDroppedWhenTheNextHasMore() throws IOException {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);

        pipe("mem,host=a used_percent=10", T0);
        pipe("mem,host=a used_percent=20\ncpu,host=a,cpu=cpu-total usage_idle=90", T0.plusSeconds(10));
        pipe("mem,host=a used_percent=30\ncpu,host=a,cpu=cpu-total usage_idle=80", T0.plusSeconds(20));
        pipe("mem,host=a used_percent=40\ncpu,host=a,cpu=cpu-total usage_idle=70", T0.plusSeconds(30));

        List<JsonNode> out = readEvents();
        assertThat(out).extracting(e -> e.get("timestamp").asText())
                .containsExactly(T0.plusSeconds(10).toString(), T0.plusSeconds(20).toString());
        assertThat(out).extracting(e -> e.get("cpu_usage").asDouble()).containsExactly(10.0, 20.0);
    }

    @Test
    void valuesInOneIntervalAreAveragedAndRunningTotalsBecomeRatesPerSecond() throws IOException {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);

        pipe("net,host=a,interface=eth0 bytes_recv=1000000i\nmem,host=a used_percent=50", T0);
        pipe("net,host=a,interface=eth0 bytes_recv=3000000i\nmem,host=a used_percent=60", T0.plusSeconds(2));
        pipe("net,host=a,interface=eth0 bytes_recv=4000000i\nmem,host=a used_percent=70", T0.plusSeconds(4));
        pipe("net,host=a,interface=eth0 bytes_recv=4000000i\nmem,host=a used_percent=80", T0.plusSeconds(10));
        pipe("net,host=a,interface=eth0 bytes_recv=9000000i\nmem,host=a used_percent=90", T0.plusSeconds(20));
        pipe("mem,host=a used_percent=90", T0.plusSeconds(30));

        List<JsonNode> out = readEvents();
        // [0, 10s): mem 50, 60, 70; rates 1 MB/s and 0.5 MB/s from the totals at 0, 2 and 4 s.
        assertThat(out.get(0).get("mem.used_percent").asDouble()).isEqualTo(60.0);
        assertThat(out.get(0).get("net.bytes_recv").asDouble()).isEqualTo(750_000.0);
        assertThat(out.get(0).get("network_io_mb").asDouble()).isEqualTo(0.75);
        // [10s, 20s): no growth over 6 s.
        assertThat(out.get(1).get("network_io_mb").asDouble()).isEqualTo(0.0);
        assertThat(out.get(2).get("network_io_mb").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aCounterThatGoesBackIsAResetNotANegativeRate() throws IOException {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);

        pipe("net,host=a,interface=eth0 bytes_recv=5000000i", T0);
        pipe("net,host=a,interface=eth0 bytes_recv=1000i", T0.plusSeconds(10));
        pipe("net,host=a,interface=eth0 bytes_recv=11000i", T0.plusSeconds(20));
        pipe("net,host=a,interface=eth0 bytes_recv=21000i", T0.plusSeconds(30));
        pipe("net,host=a,interface=eth0 bytes_recv=31000i", T0.plusSeconds(40));

        List<JsonNode> out = readEvents();
        assertThat(out).extracting(e -> e.get("net.bytes_recv").asDouble()).containsOnly(1000.0);
    }

    @Test
    void hostsAreKeptApartAndTheRecordsKeyNamesAHostWithoutTag() throws IOException {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);

        for (int i = 0; i < 4; i++) {
            Instant at = T0.plusSeconds(10L * i);
            input.pipeInput(new TestRecord<>(bytes("keyed-host"), bytes("mem used_percent=" + (10 + i)), at));
            pipe("mem,host=tagged used_percent=" + (50 + i), at);
            input.pipeInput(new TestRecord<>(null, bytes("mem used_percent=" + (90 + i)), at));
        }

        List<TestRecord<String, byte[]>> out = events.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).contains("keyed-host", "tagged", RecordParser.DEFAULT_HOST);
        for (TestRecord<String, byte[]> record : out) {
            assertThat(JSON.readTree(record.value()).get("host").asText()).isEqualTo(record.key());
        }
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicWithTheirReasonAndSource() {
        start(new CollectdJsonFormat(true), Duration.ofSeconds(10), Duration.ZERO);

        input.pipeInput(new TestRecord<>(bytes("k1"), bytes("{not json"), T0));
        input.pipeInput(new TestRecord<>(bytes("k2"), bytes("[{\"values\":[1]}]"), T0));
        input.pipeInput(new TestRecord<>(bytes("k3"), null, T0));

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(3);
        assertThat(letters).extracting(r -> header(r.headers(), "dlq.reason"))
                .containsExactly("not_json", "not_collectd_json", "empty");
        assertThat(new String(letters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(letters.get(1).headers(), "dlq.detail")).contains("value list 0");
        assertThat(header(letters.get(1).headers(), "dlq.source.topic")).isEqualTo("agent");
        assertThat(header(letters.get(1).headers(), "dlq.source.offset")).isEqualTo("1");
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void aDeadLetterLargerThanTheTopicAcceptsIsCutToFitAndSaysSo() {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);
        byte[] huge = new byte[RecordParser.MAX_DEAD_LETTER_BYTES + 1000];
        java.util.Arrays.fill(huge, (byte) 'x');

        input.pipeInput(new TestRecord<>(null, huge, T0));

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(letter.value()).hasSize(RecordParser.MAX_DEAD_LETTER_BYTES);
        assertThat(header(letter.headers(), "dlq.truncated")).isEqualTo("true");
        assertThat(header(letter.headers(), "dlq.original.size")).isEqualTo("key=0 value=" + huge.length + " headers=0");
    }

    @Test
    void aRecordLaterThanTheGracePeriodIsNotCountedInAClosedInterval() throws IOException {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ofSeconds(5));

        pipe("mem,host=a used_percent=10", T0);
        pipe("mem,host=a used_percent=20", T0.plusSeconds(10));
        pipe("mem,host=a used_percent=30", T0.plusSeconds(20));
        pipe("mem,host=a used_percent=40", T0.plusSeconds(30));
        // Stream time is 30 s: [10 s, 20 s) closed at 25 s.
        pipe("mem,host=a used_percent=99", T0.plusSeconds(12));
        pipe("mem,host=a used_percent=50", T0.plusSeconds(40));
        pipe("mem,host=a used_percent=60", T0.plusSeconds(50));

        List<JsonNode> out = readEvents();
        assertThat(out).extracting(e -> e.get("mem.used_percent").asDouble())
                .containsExactly(10.0, 20.0, 30.0, 40.0);
    }

    @Test
    void eachHostKeepsItsOwnTimeSoAHostWithItsClockAheadMakesNoOtherLate() throws IOException {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);

        pipe("mem,host=a used_percent=10", T0);
        pipe("mem,host=ahead used_percent=1", T0.plusSeconds(240));
        pipe("mem,host=a used_percent=20", T0.plusSeconds(10));
        pipe("mem,host=a used_percent=30", T0.plusSeconds(20));
        pipe("mem,host=a used_percent=40", T0.plusSeconds(30));

        List<JsonNode> out = readEvents();
        assertThat(out).extracting(e -> e.get("host").asText() + "=" + e.get("mem.used_percent").asDouble())
                .containsExactly("a=10.0", "a=20.0", "a=30.0");
    }

    @Test
    void aQuietHostsLastIntervalsAreWrittenOnceItHasSentNothingForAnIntervalAndTheGrace() throws IOException {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ofSeconds(5));
        pipe("mem,host=a used_percent=10", T0);
        pipe("mem,host=a used_percent=20", T0.plusSeconds(10));
        assertThat(events.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(16));

        assertThat(readEvents()).extracting(e -> e.get("mem.used_percent").asDouble()).containsExactly(10.0, 20.0);
    }

    @Test
    void aRateTooLargeForADoubleIsLeftOutNotAStop() throws IOException {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);
        long nanos = T0.toEpochMilli() * 1_000_000L;

        pipe("diskio,host=h,name=sda read_bytes=0 " + nanos + "\ndiskio,host=h,name=sda read_bytes=1e306 "
                + (nanos + 1_000_000L) + "\nmem,host=h used_percent=5 " + nanos, T0);
        for (int i = 1; i <= 3; i++) {
            pipe("mem,host=h used_percent=5\ndiskio,host=h,name=sda read_bytes=1e306", T0.plusSeconds(10L * i));
        }

        List<TestRecord<String, byte[]>> out = events.readRecordsToList();
        assertThat(out).isNotEmpty().allSatisfy(record -> assertThat(new String(record.value(),
                StandardCharsets.UTF_8)).doesNotContain("Infinity", "NaN"));
    }

    @Test
    void sumsThatOverflowAreLeftOutOfTheEventWhichStaysStrictJson() throws IOException {
        start(new CollectdJsonFormat(true), Duration.ofSeconds(10), Duration.ZERO);

        for (int i = 0; i < 4; i++) {
            double time = T0.getEpochSecond() + 10.0 * i;
            input.pipeInput(new TestRecord<>(null, bytes("[" + octets("sda", 1.7e308, time) + ","
                    + octets("sdb", 1.7e308, time) + "]"), T0.plusSeconds(10L * i)));
        }

        List<JsonNode> out = readEvents();
        assertThat(out).isNotEmpty().allSatisfy(event -> {
            assertThat(event.has("disk_io_mb")).isFalse();
            assertThat(event.get("disk-sda.disk_octets.read").isNumber()).isTrue();
        });
    }

    @Test
    void aNumberOfAHundredThousandDigitsIsADeadLetterAtOnce() {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);

        pipe("m v=" + "1".repeat(100_000) + "x", T0);

        assertThat(header(deadLetters.readRecord().headers(), "dlq.reason")).isEqualTo("not_line_protocol");
    }

    @Test
    void anAgentTimeFarAheadOfTheRecordsIsReplacedByTheRecordsTime() throws IOException {
        start(new CollectdJsonFormat(true), Duration.ofSeconds(10), Duration.ZERO);

        for (int i = 0; i < 3; i++) {
            input.pipeInput(new TestRecord<>(null, bytes(gaugeList("h", 1_900_000_000.0)), T0.plusSeconds(10L * i)));
        }

        assertThat(readEvents()).extracting(e -> e.get("timestamp").asText())
                .containsExactly(T0.toString(), T0.plusSeconds(10).toString());
    }

    @Test
    void aRecordWhoseReadingsWouldNotFitTheRepartitionTopicIsADeadLetter() {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);
        StringBuilder line = new StringBuilder("m,host=h,t=" + "x".repeat(900) + " f0=1");
        for (int i = 1; i < 2_000; i++) {
            line.append(",f").append(i).append("=1");
        }

        pipe(line.toString(), T0);

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter.headers(), "dlq.reason")).isEqualTo("too_large");
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void aDeadLetterWithLargeHeadersDropsThemToFit() {
        start(new InfluxLineFormat(), Duration.ofSeconds(10), Duration.ZERO);
        org.apache.kafka.common.header.internals.RecordHeaders big =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        big.add("padding", new byte[RecordParser.MAX_DEAD_LETTER_BYTES]);

        input.pipeInput(new TestRecord<>(null, bytes("not line protocol"), big, T0));

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(letter.headers().lastHeader("padding")).isNull();
        assertThat(header(letter.headers(), "dlq.truncated")).isEqualTo("true");
        assertThat(header(letter.headers(), "dlq.original.size")).endsWith("headers=" + (7 * 3
                + RecordParser.MAX_DEAD_LETTER_BYTES));
    }

    private void start(dev.anomaly.ingest.format.AgentFormat format, Duration align, Duration grace) {
        IngestSettings settings = new IngestSettings(format, "agent", "events", "agent.dlq", align, grace,
                Duration.ofHours(1));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, RecordTimeOrNow.class);
        driver = new TopologyTestDriver(IngestTopology.build(settings, new IngestCounters()), properties);
        input = driver.createInputTopic("agent", new ByteArraySerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic("events", new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("agent.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void pipe(String lines, Instant at) {
        input.pipeInput(new TestRecord<>(null, bytes(lines), at));
    }

    private List<JsonNode> readEvents() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] value : events.readValuesToList()) {
            out.add(JSON.readTree(value));
        }
        return out;
    }

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static String octets(String disk, double value, double time) {
        return "{\"values\":[" + value + "," + value + "],\"dstypes\":[\"derive\",\"derive\"],\"dsnames\":[\"read\","
                + "\"write\"],\"time\":" + time + ",\"interval\":10.0,\"host\":\"h\",\"plugin\":\"disk\","
                + "\"plugin_instance\":\"" + disk + "\",\"type\":\"disk_octets\",\"type_instance\":\"\"}";
    }

    private static String gaugeList(String host, double time) {
        return "[{\"values\":[1],\"dstypes\":[\"gauge\"],\"dsnames\":[\"value\"],\"time\":" + time
                + ",\"interval\":1.0,\"host\":\"" + host + "\",\"plugin\":\"p\",\"plugin_instance\":\"\","
                + "\"type\":\"t\",\"type_instance\":\"\"}]";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> fixtureLines(String resource) throws IOException {
        try (InputStream in = IngestTopologyTest.class.getResourceAsStream(resource)) {
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
