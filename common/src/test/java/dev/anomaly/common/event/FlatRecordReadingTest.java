package dev.anomaly.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * {@link MetricRecordParser} reads flat records with its own byte-level reader and everything else with
 * Jackson. Holds the two to the same result, bit for bit and word for word, for records near the flat
 * form and just off it: every number form, strings with escapes and non-ASCII, nested values, repeated
 * names, broken syntax, cut-off and mutated bytes, under every host field and timestamp policy. Tries:
 * {@code jqwik.tries.default} (2,000 on every build, 300,000 with {@code -Dsoak=true}).
 */
class FlatRecordReadingTest {
    private static final List<String> FEATURES = List.of("cpu_usage", "memory_usage");
    private static final List<MetricRecordParser> PARSERS = List.of(
            new MetricRecordParser(FEATURES, 4096, TimestampPolicy.OPTIONAL, ScoredFields.FIELDS),
            new MetricRecordParser(FEATURES, 4096, TimestampPolicy.REQUIRED, Set.of()),
            new MetricRecordParser(FEATURES, 4096, TimestampPolicy.IGNORE, Set.of("is_anomaly", "host")),
            new MetricRecordParser(FEATURES, 4096, TimestampPolicy.OPTIONAL, Set.of(), HostField.of("hostname")),
            new MetricRecordParser(FEATURES, 4096, TimestampPolicy.OPTIONAL, Set.of("tags"), HostField.of("tags.host")),
            new MetricRecordParser(FEATURES, 60, TimestampPolicy.OPTIONAL, Set.of()),
            // Names with two meanings: the feature wins, as in Jackson's path.
            new MetricRecordParser(List.of("cpu_usage", "memory_usage", "host"), 4096, TimestampPolicy.OPTIONAL,
                    Set.of("timestamp", "label", "cpu_usage", "host"), HostField.of("cpu_usage")),
            new MetricRecordParser(List.of("cpu_usage", "memory_usage", "timestamp", "label"), 4096,
                    TimestampPolicy.REQUIRED, Set.of("episode"), HostField.of("host.name")));
    private static final List<String> NAMES = List.of("cpu_usage", "memory_usage", "host", "hostname", "tags",
            "timestamp", "label", "episode", "is_anomaly", "likelihood", "x", "", "cpu_usage ", "Host");
    private static final List<String> ODD_VALUES = List.of("null", "true", "false", "nul", "tru", "NaN", "Infinity",
            "-Infinity", "+1", "01", "-01", "1.", ".5", "-", "1e", "1e+", "0x10", "{}", "{\"host\":\"h\"}",
            "{\"host\":{\"x\":1}}", "[1,2]", "[]", "\"\"", "\"  \"", "\"web-1\"", "\"a\\\"b\"", "\"\\u00e9\"",
            "\"\\ud800\"", "\"é\"", "\"tab\there\"", "\"2026-01-01T00:00:05Z\"", "\"2026-01-01 00:00:05\"",
            "\"2026-01-01T00:00:05.123+02:00\"", "\"yesterday\"", "1767225605", "1767225605.25", "1767225605123",
            "\"-292275055-05-16T16:47:04.192Z\"", "\"+300000000-01-01T00:00:00Z\"", "1e400", "-1e400", "1e-400",
            "-0", "0", "-0.0", "0e5", "1E5", "1.5e-3", "123456789012345678", "1234567890123456789",
            "99999999999999999999999", "9007199254740993", "9007199254740993.0", "0.1", "1.7976931348623157e308",
            "4.9e-324", "2.2250738585072011e-308", "1e22", "1e23", "123456789012345.6", "1234567890123456.7",
            "0.000000000000000000001", "1e-22", "3.0e-23", "12345e10000");
    private static final List<String> SPACES = List.of("", "", "", "", "", "", " ", "\n", "\t ", "\r\n");

    @Property
    void theFlatReaderAndJacksonReadEveryRecordAlike(@ForAll("records") byte[] record) {
        for (MetricRecordParser parser : PARSERS) {
            assertAlike(parser, record);
        }
        ParsedRecord parsed = new ParsedRecord(FEATURES.size());
        PARSERS.get(0).parse(record, parsed);
        Statistics.label("flat").collect(PARSERS.get(0).lastReadFlat(), parsed.isValid());
        // The comparison means something only if both readers get their share of the records.
        Statistics.label("flat").coverage(checker -> {
            checker.check(true, true).percentage(share -> share >= 4);
            checker.check(false, false).percentage(share -> share >= 30);
            checker.check(true, false).percentage(share -> share >= 1);
        });
    }

    @Test
    void numbersReadAsJacksonReadsThem() {
        Random random = new Random(7);
        MetricRecordParser parser = PARSERS.get(0);
        for (int i = 0; i < 200_000; i++) {
            String number = switch (i % 4) {
                case 0 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
                case 1 -> String.format(java.util.Locale.ROOT, "%." + random.nextInt(18) + "f",
                        random.nextDouble() * Math.pow(10, random.nextInt(12)));
                case 2 -> Long.toString(random.nextLong() >> random.nextInt(64));
                default -> (random.nextBoolean() ? "-" : "") + (1 + random.nextInt(999_999_999)) + "e"
                        + (random.nextInt(60) - 30);
            };
            assertAlike(parser, bytes("{\"cpu_usage\":" + number + ",\"memory_usage\":-" + number + "}"));
        }
    }

    @Test
    void aGeneratorEventTakesTheFlatReader() {
        byte[] event = MetricEventJson.toBytes(new MetricEvent(java.time.Instant.parse("2026-01-01T00:00:05Z"),
                "web-1", 12.5, 40, 120.25, 3, 4, null, null));
        MetricRecordParser parser = new MetricRecordParser(List.of("cpu_usage", "memory_usage", "response_time_ms",
                "disk_io_mb", "network_io_mb"), 4096, TimestampPolicy.OPTIONAL, ScoredFields.FIELDS);
        FlatJsonObject flat = new FlatJsonObject();

        ParsedRecord parsed = new ParsedRecord(5);
        parser.parse(event, parsed);

        assertThat(parser.lastReadFlat()).isTrue();
        assertThat(flat.scan(event)).isTrue();
        assertThat(flat.count()).isEqualTo(9);
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.values()).containsExactly(12.5, 40, 120.25, 3, 4);
        assertThat(parsed.host()).isEqualTo("web-1");
        assertThat(parsed.isCopySafe()).isTrue();
    }

    @Test
    void atEachOfTheFlatReadersLimitsJacksonReadsTheRecordAlike() {
        MetricRecordParser parser = PARSERS.get(0);
        String features = "\"cpu_usage\":1,\"memory_usage\":2";
        for (int fields : new int[] {FlatJsonObject.MAX_FIELDS, FlatJsonObject.MAX_FIELDS + 1}) {
            StringBuilder record = new StringBuilder("{" + features);
            for (int i = 2; i < fields; i++) {
                record.append(",\"f").append(i).append("\":").append(i);
            }
            byte[] bytes = bytes(record.append("}").toString());
            assertThat(assertAlike(parser, bytes)).as(fields + " fields")
                    .isEqualTo(fields == FlatJsonObject.MAX_FIELDS);
        }
        for (int length : new int[] {256, 257}) {
            assertThat(assertAlike(parser, bytes("{" + features + ",\"" + "n".repeat(length) + "\":0}")))
                    .as("a name of " + length).isEqualTo(length == 256);
        }
        for (int digits : new int[] {62, 63}) {
            assertThat(assertAlike(parser, bytes("{\"cpu_usage\":1." + "5".repeat(digits) + ",\"memory_usage\":2}")))
                    .as("a number of " + (digits + 2)).isEqualTo(digits == 62);
        }
        for (String number : List.of("1e0005", "1e00005", "1e-0022", "1e-00023", "12345678901234567e-5",
                "123456789012345678", "1234567890123456789", "-0", "-0.0", "0e5")) {
            assertThat(assertAlike(parser, bytes("{" + features.replace(":1", ":" + number) + "}")))
                    .as(number).isEqualTo(!number.equals("1234567890123456789"));
        }
    }

    @Test
    void aParserRefusesFeaturesNamedTwice() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new MetricRecordParser(List.of("a", "b", "a"), 100, true)).withMessageContaining("distinct");
    }

    /** Parses {@code record} both ways, asserts the same result, and says whether the flat reader read it. */
    private static boolean assertAlike(MetricRecordParser parser, byte[] record) {
        ParsedRecord flatFirst = new ParsedRecord(parser.features().size());
        ParsedRecord jackson = new ParsedRecord(parser.features().size());
        parser.parse(record, flatFirst);
        boolean readFlat = parser.lastReadFlat();
        parser.parseWithJacksonOnly(record, jackson);
        String what = new String(record, StandardCharsets.UTF_8);
        assertThat(describe(flatFirst)).as(what).isEqualTo(describe(jackson));
        return readFlat;
    }

    private static List<Object> describe(ParsedRecord parsed) {
        List<Object> parts = new ArrayList<>(List.of(parsed.isValid(), String.valueOf(parsed.reason()),
                String.valueOf(parsed.detail())));
        if (parsed.isValid()) {
            for (double value : parsed.values()) {
                parts.add(Double.doubleToRawLongBits(value));
            }
            parts.addAll(java.util.Arrays.asList(parsed.host(), parsed.epochMillis(), parsed.label(),
                    parsed.episode(), parsed.isCopySafe(), parsed.hasOutputField(), parsed.topLevelHost()));
        }
        return parts;
    }

    @Provide
    Arbitrary<byte[]> records() {
        Arbitrary<String> number = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.doubles().filter(Double::isFinite).map(Object::toString)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(-1000, 1000).map(Object::toString)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(ODD_VALUES)));
        Arbitrary<String> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, number),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(ODD_VALUES)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8)
                        .filter(text -> !text.contains("\"") && !text.contains("\\")).map(text -> "\"" + text + "\"")));
        Arbitrary<List<String>> names = Arbitraries.of(NAMES).list().ofMaxSize(7).uniqueElements();
        Arbitrary<String> object = Combinators.combine(names, value.list().ofSize(9), number.list().ofSize(2),
                        Arbitraries.of(SPACES).list().ofSize(40), Arbitraries.integers().between(0, 4))
                .as((chosen, values, features, spaces, repeat) -> {
                    List<String> fields = new ArrayList<>();
                    for (int i = 0; i < chosen.size(); i++) {
                        if (!FEATURES.contains(chosen.get(i))) {
                            fields.add(field(chosen.get(i), values.get(i), spaces, i));
                        }
                    }
                    // Most records have both features, so many are valid; some repeat a name.
                    fields.add(0, field("cpu_usage", features.get(0), spaces, 7));
                    if (repeat > 0) {
                        fields.add(field("memory_usage", features.get(1), spaces, 8));
                    }
                    if (repeat == 4 && !fields.isEmpty()) {
                        fields.add(fields.get(fields.size() / 2));
                    }
                    return spaces.get(36) + "{" + spaces.get(37) + String.join(",", fields) + "}" + spaces.get(38);
                });
        Arbitrary<String> ending = Arbitraries.of("", "", "", "", "", "", "x", "}", ",", "{}", " 1");
        return Combinators.combine(object, ending, Arbitraries.integers().between(0, 1200),
                        Arbitraries.integers().between(-1, 255))
                .as((text, end, position, replacement) -> mutate(bytes(text + end), position, replacement));
    }

    private static String field(String name, String value, List<String> spaces, int index) {
        return spaces.get(index * 4) + "\"" + name + "\"" + spaces.get(index * 4 + 1) + ":" + spaces.get(index * 4 + 2)
                + value + spaces.get(index * 4 + 3);
    }

    /** Cuts the record at {@code position} (replacement -1) or replaces the byte there, or (past the end) neither. */
    private static byte[] mutate(byte[] record, int position, int replacement) {
        if (position >= record.length || position % 3 != 0) {
            return record;
        }
        if (replacement < 0) {
            return java.util.Arrays.copyOf(record, position);
        }
        byte[] copy = record.clone();
        copy[position] = (byte) replacement;
        return copy;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
