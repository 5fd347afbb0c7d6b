package dev.anomaly.generator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.commandline.ExitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReplaySourceTest {
    @TempDir
    Path dir;

    @Test
    void turnsRowsIntoFlatJsonKeepingNumbersAsNumbers() throws IOException {
        Path file = write("rec.csv", "timestamp,host,cpu,state,note\n2026-01-01 00:00:05,db-1,12.5,ok,\n");

        try (CsvReplaySource source = CsvReplaySource.open(file)) {
            ReplayRow row = source.next().orElseThrow();

            assertThat(row.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
            assertThat(row.record().key()).isEqualTo("db-1");
            assertThat(new String(row.record().json(), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"host\":\"db-1\",\"cpu\":12.5,\"state\":\"ok\","
                            + "\"note\":null}");
            assertThat(source.next()).isEmpty();
        }
    }

    @Test
    void keysRowsByTheFileNameWhenThereIsNoHostColumn() throws IOException {
        Path file = write("sensor-7.csv", "value\n1\n2\n");

        try (CsvReplaySource source = CsvReplaySource.open(file)) {
            ReplayRow row = source.next().orElseThrow();

            assertThat(source.hasTimestamps()).isFalse();
            assertThat(row.timestamp()).isNull();
            assertThat(row.record().key()).isEqualTo("sensor-7");
            assertThat(new String(row.record().json(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":1}");
        }
    }

    @Test
    void namesTheLineOfABadTimestamp() throws IOException {
        Path file = write("bad.csv", "timestamp,value\n2026-01-01T00:00:00Z,1\nnot-a-time,2\n");

        try (CsvReplaySource source = CsvReplaySource.open(file)) {
            source.next();
            assertThatThrownBy(source::next)
                    .isInstanceOf(ExitException.class)
                    .hasMessageStartingWith(file + " line 3: 'not-a-time' is not a timestamp");
        }
    }

    @Test
    void namesTheLineOfARowWithTheWrongNumberOfCells() throws IOException {
        Path file = write("short.csv", "a,b\n1,2\n3\n");

        try (CsvReplaySource source = CsvReplaySource.open(file)) {
            source.next();
            assertThatThrownBy(source::next).hasMessage(file + " line 3: 1 cells, but the header has 2");
        }
    }

    @Test
    void nonFiniteAndOddNumbersStayStrings() throws IOException {
        Path file = write("odd.csv", "a,b,c\nNaN,0x1F,+3\n");

        try (CsvReplaySource source = CsvReplaySource.open(file)) {
            assertThat(new String(source.next().orElseThrow().record().json(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"a\":\"NaN\",\"b\":\"0x1F\",\"c\":\"+3\"}");
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
