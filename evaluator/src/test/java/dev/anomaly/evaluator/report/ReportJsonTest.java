package dev.anomaly.evaluator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.evaluator.metrics.EvaluationAccumulator;
import dev.anomaly.evaluator.metrics.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void holdsTheCountsScoresAndEpisodeFieldsUnderSnakeCaseKeys() throws IOException {
        // given one cpu_spike episode caught at its second event, 4 normal events with 1 false alarm
        EvaluationAccumulator accumulator = new EvaluationAccumulator();
        accumulator.add("web-1", T0, "cpu_spike", "e1", false);
        accumulator.add("web-1", T0.plusSeconds(5), "cpu_spike", "e1", true);
        for (int i = 0; i < 4; i++) {
            accumulator.add("web-1", T0.plusSeconds(10 + 5 * i), null, null, i == 0);
        }

        // when
        JsonNode json = JSON.readTree(ReportJson.toJson(accumulator.report(), new SourceSummary("s.csv", 2, 0)));

        // then
        assertThat(json.get("source").asText()).isEqualTo("s.csv");
        assertThat(json.get("events").asLong()).isEqualTo(6);
        assertThat(json.get("normal_events").asLong()).isEqualTo(4);
        assertThat(json.get("not_scored").asLong()).isZero();
        assertThat(json.get("unreadable_records").asLong()).isEqualTo(2);
        assertThat(json.get("false_alarms_per_1000").asDouble()).isEqualTo(250.0);
        JsonNode overall = json.get("overall");
        assertThat(overall.get("tp").asLong()).isEqualTo(1);
        assertThat(overall.get("fp").asLong()).isEqualTo(1);
        assertThat(overall.get("fn").asLong()).isEqualTo(1);
        assertThat(overall.get("precision").asDouble()).isEqualTo(0.5);
        assertThat(overall.get("recall").asDouble()).isEqualTo(0.5);
        assertThat(overall.get("f1").asDouble()).isEqualTo(0.5);
        JsonNode cpu = json.get("types").get("cpu_spike");
        assertThat(cpu.get("events").asLong()).isEqualTo(2);
        assertThat(cpu.get("flagged").asLong()).isEqualTo(1);
        assertThat(cpu.get("episodes").asLong()).isEqualTo(1);
        assertThat(cpu.get("episodes_detected").asLong()).isEqualTo(1);
        assertThat(cpu.get("episode_recall").asDouble()).isEqualTo(1.0);
        assertThat(cpu.get("delay_events_mean").asDouble()).isEqualTo(1.0);
        assertThat(cpu.get("delay_events_median").asDouble()).isEqualTo(1.0);
        assertThat(cpu.get("delay_seconds_mean").asDouble()).isEqualTo(5.0);
        assertThat(cpu.get("delay_seconds_median").asDouble()).isEqualTo(5.0);
        assertThat(cpu.get("delay_seconds_max").asDouble()).isEqualTo(5.0);
        assertThat(json.get("episodes").get("episodes_detected").asLong()).isEqualTo(1);
    }

    @Test
    void delaysAreNullWhenNoEpisodeWasDetected() throws IOException {
        // given
        EvaluationAccumulator accumulator = new EvaluationAccumulator();
        accumulator.add("web-1", T0, "memory_leak", "e1", false);

        // when
        JsonNode json = JSON.readTree(ReportJson.toJson(accumulator.report(), SourceSummary.of("demo")));

        // then
        JsonNode episodes = json.get("episodes");
        assertThat(episodes.get("delay_events_mean").isNull()).isTrue();
        assertThat(episodes.get("delay_seconds_max").isNull()).isTrue();
        assertThat(episodes.get("episode_recall").asDouble()).isZero();
    }

    @Test
    void writesTheFileAtomicallyReplacingAnOldOneAndLeavingNoTemporaryFile() throws IOException {
        // given an old report
        Path file = dir.resolve("reports/eval.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old");
        EvaluationAccumulator accumulator = new EvaluationAccumulator();
        accumulator.add("web-1", T0, null, null, false);
        EvaluationReport report = accumulator.report();

        // when
        ReportJson.write(report, SourceSummary.of("demo"), Optional.empty(), file);

        // then
        assertThat(JSON.readTree(file.toFile()).get("events").asLong()).isEqualTo(1);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
