package dev.anomaly.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MetricRecordParserTest {
    private final MetricRecordParser parser = new MetricRecordParser(List.of("cpu_usage", "memory_usage"), 1000, true);
    private final ParsedRecord parsed = new ParsedRecord(2);

    @Test
    void readsFeaturesHostTimeAndLabelFromAnyFieldOrder() {
        parse("{\"label\":\"cpu_spike\",\"memory_usage\":44.5,\"extra\":{\"nested\":[1,2]},\"host\":\"web-1\","
                + "\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":91}");

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.values()).containsExactly(91, 44.5);
        assertThat(parsed.host()).isEqualTo("web-1");
        assertThat(parsed.epochMillis()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z").toEpochMilli());
        assertThat(parsed.label()).isEqualTo("cpu_spike");
    }

    @Test
    void aNullLabelIsNoLabel() {
        parse("{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2,\"label\":null}");

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.label()).isNull();
    }

    @Test
    void theParserCanBeReusedAfterARejection() {
        parse("not json");
        parse("{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2}");

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.reason()).isNull();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "''|EMPTY",
        "not json|NOT_JSON",
        "{\"cpu_usage\":1,|NOT_JSON",
        "[1,2]|NOT_AN_OBJECT",
        "42|NOT_AN_OBJECT",
        "\"text\"|NOT_AN_OBJECT",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1}|MISSING_FEATURE",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":null,\"memory_usage\":2}|MISSING_FEATURE",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":\"12\",\"memory_usage\":2}|NOT_A_NUMBER",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":[1],\"memory_usage\":2}|NOT_A_NUMBER",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":true,\"memory_usage\":2}|NOT_A_NUMBER",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":NaN,\"memory_usage\":2}|NON_FINITE",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":Infinity,\"memory_usage\":2}|NON_FINITE",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1e999,\"memory_usage\":2}|NON_FINITE",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"cpu_usage\":2,\"memory_usage\":2}|DUPLICATE_FIELD",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"host\":true,\"cpu_usage\":1,\"memory_usage\":2}|WRONG_TYPE",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"host\":[\"a\"],\"cpu_usage\":1,\"memory_usage\":2}|WRONG_TYPE",
        "{\"cpu_usage\":1,\"memory_usage\":2}|BAD_TIMESTAMP",
        "{\"timestamp\":\"yesterday\",\"cpu_usage\":1,\"memory_usage\":2}|BAD_TIMESTAMP",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2}{}|NOT_JSON"})
    void saysWhyARecordCannotBeScored(String json, RejectReason reason) {
        parse(json);

        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.reason()).isEqualTo(reason);
        assertThat(parsed.detail()).isNotBlank();
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] value = "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"host\":\"x\",\"cpu_usage\":1,\"memory_usage\":2}"
                .getBytes(StandardCharsets.UTF_8);
        value[27] = (byte) 0xC3;
        value[28] = (byte) 0x28;

        parser.parse(value, parsed);

        assertThat(parsed.reason()).isEqualTo(RejectReason.INVALID_UTF8);
    }

    @Test
    void rejectsOversizedValuesUnread() {
        parser.parse(new byte[1001], parsed);

        assertThat(parsed.reason()).isEqualTo(RejectReason.OVERSIZED);
        assertThat(parsed.detail()).isEqualTo("1001 bytes, limit 1000");
    }

    @Test
    void theTimestampIsNotReadWhenTheModelHasNoTimeInputs() {
        MetricRecordParser lenient = new MetricRecordParser(List.of("cpu_usage"), 1000, TimestampPolicy.IGNORE,
                Set.of());

        lenient.parse("{\"cpu_usage\":3,\"timestamp\":\"soon\"}".getBytes(StandardCharsets.UTF_8), parsed);

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.hasTime()).isFalse();
    }

    @Test
    void anOptionalTimestampMayBeMissingButNotUnreadable() {
        MetricRecordParser optional = new MetricRecordParser(List.of("cpu_usage"), 1000, TimestampPolicy.OPTIONAL,
                Set.of());

        optional.parse("{\"cpu_usage\":3}".getBytes(StandardCharsets.UTF_8), parsed);
        assertThat(parsed.isValid()).isTrue();

        optional.parse("{\"cpu_usage\":3,\"timestamp\":\"soon\"}".getBytes(StandardCharsets.UTF_8), parsed);
        assertThat(parsed.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
    }

    @Test
    void notesFieldsTheDetectorWouldAdd() {
        MetricRecordParser detecting = new MetricRecordParser(List.of("cpu_usage"), 1000, TimestampPolicy.IGNORE,
                Set.of("error", "severity"));

        detecting.parse("{\"cpu_usage\":3,\"severity\":\"x\"}".getBytes(StandardCharsets.UTF_8), parsed);
        assertThat(parsed.hasOutputField()).isTrue();

        detecting.parse("{\"cpu_usage\":3}".getBytes(StandardCharsets.UTF_8), parsed);
        assertThat(parsed.hasOutputField()).isFalse();
    }

    @Test
    void aTimestampJavaCannotTurnIntoEpochMillisecondsIsABadTimestampNotACrash() {
        parse("{\"timestamp\":\"+300000000-01-01T00:00:00Z\",\"cpu_usage\":1,\"memory_usage\":2}");

        assertThat(parsed.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
    }

    @Test
    void aModelWithoutTimeInputsScoresARecordWithAnUnusableTimestampButItsBytesCannotBeCopied() {
        MetricRecordParser timeless = new MetricRecordParser(List.of("cpu_usage"), 1000, TimestampPolicy.IGNORE,
                Set.of());

        timeless.parse(bytes("{\"cpu_usage\":3,\"timestamp\":\"+300000000-01-01T00:00:00Z\"}"), parsed);

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.hasTime()).isFalse();
        assertThat(parsed.isCopySafe()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2,\"extra\":NaN}",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2,\"x\":{\"y\":[1,-Infinity]}}",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2,\"host\":null}",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2,\"host\":7}",
        "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2,\"label\":Infinity}"})
    void aValidRecordThatStrictReadersRefuseIsScoredButNotCopied(String json) {
        parse(json);

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.isCopySafe()).isFalse();
    }

    @Test
    void aPlainRecordMayBeCopiedAndCarriesItsGroundTruth() {
        parse("{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2,\"x\":[1.5,{\"y\":2e3}],"
                + "\"label\":\"cpu_spike\",\"episode\":\"web-1-e3\"}");

        assertThat(parsed.isCopySafe()).isTrue();
        assertThat(parsed.label()).isEqualTo("cpu_spike");
        assertThat(parsed.episode()).isEqualTo("web-1-e3");
    }

    @Test
    void onlyUtf8IsAcceptedNeverAnotherEncodingJacksonWouldDetect() {
        String json = "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2}";
        byte[] bom = new byte[json.length() + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(bytes(json), 0, bom, 3, json.length());

        parser.parse(json.getBytes(StandardCharsets.UTF_16LE), parsed);
        assertThat(parsed.reason()).isEqualTo(RejectReason.INVALID_UTF8);
        parser.parse(bom, parsed);
        assertThat(parsed.reason()).isEqualTo(RejectReason.INVALID_UTF8);
        parser.parse(bytes(json.replace("}", ",\"x\":\"\u00e9\"}")), parsed);
        assertThat(parsed.isValid()).as("real UTF-8 beyond ASCII").isTrue();
    }

    @Test
    void theOneInstantThatReadsAsNoTimeIsABadTimestamp() {
        parse("{\"timestamp\":\"-292275055-05-16T16:47:04.192Z\",\"cpu_usage\":1,\"memory_usage\":2}");

        assertThat(parsed.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
    }

    @Test
    void theTutorialsRecordsParseWithoutHostAndWithNaiveMicrosecondTimestamps() {
        parse("{\"timestamp\":\"2026-01-01T00:00:05.123456\",\"cpu_usage\":1,\"memory_usage\":2}");

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.host()).isNull();
        assertThat(parsed.topLevelHost()).isNull();
        assertThat(parsed.epochMillis()).isEqualTo(Instant.parse("2026-01-01T00:00:05.123Z").toEpochMilli());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1767225605.25", "1767225605250", "\"1767225605.25\"", "\"2026-01-01 00:00:05.250\""})
    void epochSecondsWithAFractionAndSpacedTimesAreTimestamps(String timestamp) {
        parse("{\"timestamp\":" + timestamp + ",\"cpu_usage\":1,\"memory_usage\":2}");

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.epochMillis()).isEqualTo(Instant.parse("2026-01-01T00:00:05.250Z").toEpochMilli());
    }

    @Test
    void aNestedHostFieldIsFoundAndTheTopLevelHostIsStillNoted() {
        MetricRecordParser nested = new MetricRecordParser(List.of("cpu_usage"), 1000, HostField.of("tags.host"));
        ParsedRecord record = new ParsedRecord(1);

        nested.parse(bytes("{\"tags\":{\"dc\":\"x\",\"host\":\"db-1\",\"more\":{\"host\":\"no\"}},"
                + "\"cpu_usage\":3,\"host\":\"web-9\"}"), record);

        assertThat(record.isValid()).isTrue();
        assertThat(record.host()).isEqualTo("db-1");
        assertThat(record.topLevelHost()).as("a copy keeps its own host field").isEqualTo("web-9");
        assertThat(record.isCopySafe()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"cpu_usage\":3}",
        "{\"cpu_usage\":3,\"tags\":\"db-1\"}",
        "{\"cpu_usage\":3,\"tags\":{\"hostname\":\"db-1\"}}",
        "{\"cpu_usage\":3,\"tags\":{\"host\":null}}"})
    void aRecordWithoutItsNestedHostIsStillScored(String json) {
        MetricRecordParser nested = new MetricRecordParser(List.of("cpu_usage"), 1000, HostField.of("tags.host"));
        ParsedRecord record = new ParsedRecord(1);

        nested.parse(bytes(json), record);

        assertThat(record.isValid()).isTrue();
        assertThat(record.host()).isNull();
        assertThat(HostField.resolve(null, record.host())).isEqualTo(HostField.DEFAULT_SERIES);
    }

    @Test
    void aHostObjectIsNeverCopiedBesideTheHostTheDetectorAdds() {
        MetricRecordParser nested = new MetricRecordParser(List.of("cpu_usage"), 1000, HostField.of("host.name"));
        ParsedRecord record = new ParsedRecord(1);

        nested.parse(bytes("{\"cpu_usage\":3,\"host\":{\"name\":\"db-1\"}}"), record);

        assertThat(record.host()).isEqualTo("db-1");
        assertThat(record.topLevelHost()).isNull();
        assertThat(record.isCopySafe()).isFalse();
    }

    @Test
    void aHostThatIsNoTextIsADeadLetterAndABlankOneIsNoHost() {
        MetricRecordParser nested = new MetricRecordParser(List.of("cpu_usage"), 1000, HostField.of("tags.host"));
        ParsedRecord record = new ParsedRecord(1);

        nested.parse(bytes("{\"tags\":{\"host\":\"\\ud800\"},\"cpu_usage\":3}"), record);
        assertThat(record.reason()).isEqualTo(RejectReason.INVALID_UTF8);

        parse("{\"timestamp\":\"2026-01-01T00:00:05Z\",\"cpu_usage\":1,\"memory_usage\":2,\"host\":\"  \"}");
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.topLevelHost()).isNull();
        assertThat(parsed.isCopySafe()).as("a copy would carry the blank host").isFalse();
    }

    @Test
    void aHostFieldNamedLikeAnOutputFieldIsNotedAsOne() {
        MetricRecordParser severity = new MetricRecordParser(List.of("cpu_usage"), 1000, TimestampPolicy.OPTIONAL,
                Set.of("severity"), HostField.of("severity"));
        ParsedRecord record = new ParsedRecord(1);

        severity.parse(bytes("{\"severity\":\"db-1\",\"cpu_usage\":3}"), record);

        assertThat(record.host()).isEqualTo("db-1");
        assertThat(record.hasOutputField()).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void parse(String json) {
        parser.parse(json.getBytes(StandardCharsets.UTF_8), parsed);
    }
}
