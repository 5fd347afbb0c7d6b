package dev.anomaly.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.SyntheticMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void printsTheTableOnStdoutAndASummaryOnStderr() throws IOException {
        // given
        Path scored = ScoredCsv.write(dir.resolve("scored.csv"), 3000, 2, 5);

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", scored.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(5);
        assertThat(result.outLines().get(0)).startsWith("type").contains("precision", "recall", "F1", "episodes");
        assertThat(result.outLines().get(1)).startsWith("cpu_spike");
        assertThat(result.outLines().get(2)).startsWith("all anomalies");
        assertThat(result.outLines().get(3)).startsWith("normal").contains("false alarms per 1,000 normal events");
        assertThat(result.outLines().get(4)).startsWith("not scored").contains(" 3 ");
        assertThat(result.err()).contains("Evaluated 3,000 events from " + scored, "3 not scored");
    }

    @Test
    void reproducesThePrecisionAndRecallComputedIndependentlyFromTheSameFile() throws IOException {
        // given a scored CSV, and its scores counted with plain Java
        Path scored = ScoredCsv.write(dir.resolve("scored.csv"), 6000, 3, 11);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        List<String> lines = Files.readAllLines(scored);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            boolean anomalous = !cells[7].isEmpty();
            boolean flagged = cells[cells.length - 2].equals("true") && cells[cells.length - 1].equals("scored");
            tp += anomalous && flagged ? 1 : 0;
            fp += !anomalous && flagged ? 1 : 0;
            fn += anomalous && !flagged ? 1 : 0;
        }
        Path report = dir.resolve("report.json");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", scored.toString(), "--json", report.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(fp).as("the test data has false alarms").isPositive();
        assertThat(fn).as("the test data has misses").isPositive();
        JsonNode overall = JSON.readTree(report.toFile()).get("overall");
        assertThat(overall.get("tp").asLong()).isEqualTo(tp);
        assertThat(overall.get("fp").asLong()).isEqualTo(fp);
        assertThat(overall.get("fn").asLong()).isEqualTo(fn);
        assertThat(overall.get("precision").asDouble()).isCloseTo((double) tp / (tp + fp), within(1e-12));
        assertThat(overall.get("recall").asDouble()).isCloseTo((double) tp / (tp + fn), within(1e-12));
    }

    @Test
    void countsEpisodesPerHost() throws IOException {
        // given 3 hosts x 300 steps: a spike every 30 steps, so 10 episodes per host
        Path scored = ScoredCsv.write(dir.resolve("scored.csv"), 900, 3, 2);
        Path report = dir.resolve("report.json");

        // when
        CliDriver.run(new EvaluateCommand(), "-i", scored.toString(), "--json", report.toString());

        // then
        JsonNode cpu = JSON.readTree(report.toFile()).get("types").get("cpu_spike");
        assertThat(cpu.get("episodes").asLong()).isEqualTo(30);
        assertThat(cpu.get("events").asLong()).isEqualTo(30 * 6);
    }

    @Test
    void jsonToStdoutMovesTheTableToStderr() throws IOException {
        // given
        Path scored = ScoredCsv.write(dir.resolve("scored.csv"), 600, 1, 3);

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", scored.toString(), "--json", "-");

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(JSON.readTree(result.out()).get("events").asLong()).isEqualTo(600);
        assertThat(result.err()).contains("all anomalies");
    }

    @Test
    void rowsTheAlertRulesSuppressedAreNotFlaggedAndCountedApart() throws IOException {
        // given detect's output with rules: a cpu spike and a normal row suppressed, one spike standing
        Path scored = Files.writeString(dir.resolve("ruled.csv"), """
                timestamp,host,label,episode,is_anomaly,status,suppressed_by
                2026-01-01T00:00:00Z,web-1,cpu_spike,e1,false,scored,for
                2026-01-01T00:00:05Z,web-1,cpu_spike,e1,true,scored,
                2026-01-01T00:00:10Z,web-1,,,false,scored,direction min_deviation
                2026-01-01T00:00:15Z,web-1,,,false,scored,
                """);
        Path report = dir.resolve("report.json");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", scored.toString(), "--json", report.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("2 suppressed by alert rules");
        assertThat(result.out()).contains("flagged by the model, not let stand by detect's alert rules; counted as not flagged: "
                        + "1 labelled, 1 normal");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("suppressed_by_rules").asLong()).isEqualTo(2);
        assertThat(json.get("suppressed_anomalous").asLong()).isEqualTo(1);
        assertThat(json.get("overall").get("tp").asLong()).isEqualTo(1);
        assertThat(json.get("overall").get("fn").asLong()).isEqualTo(1);
        assertThat(json.get("false_alarms").asLong()).isZero();
    }

    @Test
    void plotDrawsTheMostFlaggedHostsOfTheScoredCsv() throws IOException {
        // detect's output has expected_F for every feature F: cpu's here.
        List<String> lines = Files.readAllLines(ScoredCsv.write(dir.resolve("scored.csv"), 3000, 3, 11));
        Path scored = Files.write(dir.resolve("with-expected.csv"), java.util.stream.IntStream.range(0, lines.size())
                .mapToObj(i -> lines.get(i) + (i == 0 ? ",expected_cpu_usage" : ",25")).toList());
        Path charts = dir.resolve("charts");

        Result result = CliDriver.run(new EvaluateCommand(), "--input", scored.toString(), "--plot",
                charts.toString(), "--plot-hosts", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Drew 2 hosts in " + charts);
        try (java.util.stream.Stream<Path> files = Files.list(charts)) {
            assertThat(files.map(file -> {
                try {
                    return javax.imageio.ImageIO.read(file.toFile()).getWidth();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).containsExactly(1200, 1200);
        }
        assertThat(CliDriver.run(new EvaluateCommand(), "--plot", charts.toString()).err())
                .contains("--plot goes with --input");
    }

    @Test
    void aMissingFileIsAOneLineFailure() {
        // given
        Path missing = dir.resolve("missing.csv");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", missing.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("evaluate: " + missing + ": no such file");
    }

    @Test
    void aCsvWithoutGroundTruthIsAOneLineFailure() throws IOException {
        // given
        Path csv = Files.writeString(dir.resolve("nolabel.csv"),
                "timestamp,host,cpu_usage,is_anomaly,status\n2026-01-01T00:00:00Z,web-1,20,false,scored\n");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", csv.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1).first().asString()
                .startsWith("evaluate: " + csv + ": no label column, so there is no ground truth");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnscoredCsvIsAOneLineFailure() throws IOException {
        // given the generator's CSV, not run through the detector
        Path csv = SyntheticMetrics.write(dir.resolve("raw.csv"), 10, 1, 1);

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", csv.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("evaluate: " + csv + ": no is_anomaly column; score the file "
                + "first with 'anomaly detect --input FILE --output scored.csv'");
    }

    @Test
    void aCsvWithoutRowsIsAOneLineFailure() throws IOException {
        // given
        Path csv = Files.writeString(dir.resolve("empty.csv"), SyntheticMetrics.HEADER + ScoredCsv.ADDED + "\n");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", csv.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("evaluate: " + csv + ": no events to evaluate");
    }

    @Test
    void rowsWithAnUnreadableTimestampAreSkippedAndReported() throws IOException {
        // given
        Path csv = Files.writeString(dir.resolve("bad.csv"), SyntheticMetrics.HEADER + ScoredCsv.ADDED + "\n"
                + "2026-01-01T00:00:00Z,web-1,20,40,120,50,100,,,0.5,1.0,0.5,NORMAL,false,scored\n"
                + "soon,web-1,20,40,120,50,100,,,,1.0,,UNSCORED,false,rejected: bad_timestamp\n");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", csv.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("warning: " + csv + " line 3: timestamp 'soon' is not a timestamp",
                "Evaluated 1 events", "1 unreadable records skipped");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertUsageError(CliDriver.run(new EvaluateCommand(), "--timeout", "0"), "--timeout must be positive");
        assertUsageError(CliDriver.run(new EvaluateCommand(), "--timeout", "soon"), "is not a duration");
        assertUsageError(CliDriver.run(new EvaluateCommand(), "--input", "x.csv", "--source-topic", "t"),
                "--source-topic reads from Kafka; it cannot be combined with --input");
        assertUsageError(CliDriver.run(new EvaluateCommand(), "--json", " "), "--json needs a file name");
        assertUsageError(CliDriver.run(new EvaluateCommand(), "--frobnicate"), "Unknown option: '--frobnicate'");
    }

    @Test
    void helpExplainsTheDefinitionsAndEveryOptionWithItsDefault() {
        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--help");

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().replaceAll("\\s+", " ")).contains("--input", "Default: read the topics",
                "--source-topic", "default: system-metrics", "--anomalies-topic", "default: anomalies", "--json",
                "Default: no JSON", "--timeout", "default: 30s", "--bootstrap-server", "precision = TP/(TP+FP)",
                "one-vs-normal", "False alarms per 1,000 normal events", "Exit codes");
    }

    private static void assertUsageError(Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("Usage: evaluate");
    }
}
