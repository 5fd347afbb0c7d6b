package dev.anomaly.detector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.chart.ChartLayout;
import dev.anomaly.common.chart.HostChart;
import dev.anomaly.common.chart.HostSeries;
import dev.anomaly.common.chart.ScoredCsvCharts;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.SyntheticMetrics;
import dev.anomaly.testkit.TestModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {
    private static Path models;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainModel(@TempDir Path shared) {
        models = shared.resolve("m");
        TestModels.trainAndSave(models, "v-offline", 3, 1);
    }

    @Test
    void scoresEveryRowOfACsvAndKeepsItsColumns() throws IOException {
        Path input = SyntheticMetrics.write(dir.resolve("t.csv"), 3000, 2, 9);
        Path output = dir.resolve("out/s.csv");

        Result result = detect("--model-dir", models.toString(), "--input", input.toString(), "--output",
                output.toString(), "--no-likelihood");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<CSVRecord> rows = read(output);
        assertThat(rows).hasSize(3000);
        assertThat(rows.get(0).getParser().getHeaderNames()).containsSubsequence("label", "episode", "error",
                "threshold", "confidence", "severity", "is_anomaly", "status", "likelihood", "raw_error",
                "expected_cpu_usage", "expected_memory_usage");
        // What the autoencoder expected of a normal row's cpu is near what it was; of a spike, far below it.
        List<CSVRecord> normal = rows.stream().filter(row -> row.get("label").isEmpty()
                && row.get("status").equals("scored")).toList();
        double normalGap = normal.stream().mapToDouble(row -> Math.abs(Double.parseDouble(row.get("cpu_usage"))
                - Double.parseDouble(row.get("expected_cpu_usage")))).average().orElseThrow();
        double spikeGap = rows.stream().filter(row -> row.get("label").equals("cpu_spike")).mapToDouble(row ->
                Double.parseDouble(row.get("cpu_usage")) - Double.parseDouble(row.get("expected_cpu_usage")))
                .average().orElseThrow();
        assertThat(normalGap).as("normal rows: |cpu - expected|").isLessThan(10);
        assertThat(spikeGap).as("spikes: cpu - expected").isGreaterThan(2 * normalGap);
        long spikes = rows.stream().filter(row -> row.get("label").equals("cpu_spike")).count();
        assertThat(flagged(rows, "cpu_spike")).as("spikes flagged").isGreaterThan(spikes * 3 / 4);
        assertThat(flagged(rows, "")).isLessThan((rows.size() - spikes) / 10);
        assertThat(rows).allMatch(row -> row.get("likelihood").isEmpty());
        assertThat(result.err()).contains("Scored 3,000 of 3,000 rows", "v-offline");
    }

    @Test
    void likelihoodJudgesEachHostByItsOwnErrorsAndFlagsFarFewerNormalRows() throws IOException {
        Path input = SyntheticMetrics.write(dir.resolve("t.csv"), 3000, 2, 9);
        Path byThreshold = dir.resolve("threshold.csv");
        Path byLikelihood = dir.resolve("likelihood.csv");

        detect("--model-dir", models.toString(), "--input", input.toString(), "--output", byThreshold.toString(),
                "--no-likelihood");
        Result result = detect("--model-dir", models.toString(), "--input", input.toString(), "--output",
                byLikelihood.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<CSVRecord> rows = read(byLikelihood);
        // Each host's first 30 scored rows within the threshold form its baseline (rows above it stay out); until
        // then the threshold judges, at twice it (HIGH), since 5% of normal rows exceed it by design.
        Map<String, Integer> withinThreshold = new HashMap<>();
        int warming = 0;
        for (CSVRecord row : rows) {
            double confidence = Double.parseDouble(row.get("confidence"));
            boolean warmedUp = withinThreshold.getOrDefault(row.get("host"), 0) >= 30;
            if (!warmedUp && confidence <= 1) {
                withinThreshold.merge(row.get("host"), 1, Integer::sum);
            }
            if (warmedUp) {
                assertThat(row.get("likelihood")).as("row %d", row.getRecordNumber()).isNotEmpty();
            } else {
                warming++;
                assertThat(row.get("likelihood")).as("row %d", row.getRecordNumber()).isEmpty();
                assertThat(row.get("is_anomaly")).as("row %d", row.getRecordNumber())
                        .isEqualTo(Boolean.toString(confidence > 2));
            }
        }
        assertThat(warming).as("rows judged while warming up").isGreaterThan(60);
        assertThat(rows).allMatch(row -> row.get("raw_error").equals(row.get("error")));
        assertThat(flagged(rows, "")).as("normal rows flagged").isLessThan(flagged(read(byThreshold), "") / 10);
        assertThat(flagged(rows, "cpu_spike")).as("spikes flagged").isPositive();
    }

    private static long flagged(List<CSVRecord> rows, String label) {
        return rows.stream().filter(row -> row.get("label").equals(label))
                .filter(row -> row.get("is_anomaly").equals("true")).count();
    }

    @Test
    void badRowsStayInTheOutputAndAreReportedWithTheirLineNumbers() throws IOException {
        String csv = SyntheticMetrics.csv(100, 1, 1);
        String[] lines = csv.split("\n");
        lines[5] = lines[5].replaceFirst("web-1,[0-9.]+,", "web-1,abc,");
        lines[9] = lines[9].replaceFirst("^[^,]+,", "not-a-time,");
        Path input = Files.writeString(dir.resolve("bad.csv"), String.join("\n", lines) + "\n");

        Result result = detect("--model-dir", models.toString(), "--input", input.toString(), "--output", "-");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(101);
        assertThat(result.outLines().get(5)).contains(",false,rejected: not_a_number (cpu_usage='abc')");
        assertThat(result.err()).contains(input + " line 6: a feature is not a number (cpu_usage='abc')",
                input + " line 10: timestamp missing or not ISO-8601", "2 rejected");
    }

    @Test
    void aMissingModelIsOneLineAndExitOne() throws IOException {
        Path input = SyntheticMetrics.write(dir.resolve("t.csv"), 10, 1, 1);

        Result result = detect("--model-dir", dir.resolve("none").toString(), "--input", input.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1).first().asString()
                .startsWith("detect: " + dir.resolve("none/model.json") + ": no such file");
    }

    @Test
    void aCsvWithoutTheModelsColumnsIsRefused() throws IOException {
        Path input = Files.writeString(dir.resolve("other.csv"), "timestamp,x\n2026-01-01T00:00:00Z,1\n");

        Result result = detect("--model-dir", models.toString(), "--input", input.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no column 'cpu_usage', which model v-offline reads");
    }

    @Test
    void aDirectionRuleRemovesExactlyTheAnomaliesOfACpuGoingTheOtherWay() throws IOException {
        // Judged by the threshold alone: the small test model does not tell every drop from normal by likelihood.
        Path input = withCpuDrops(dir.resolve("t.csv"));
        List<CSVRecord> free = backtest(input, "free.csv", "--no-likelihood");
        List<CSVRecord> ruled = backtest(input, "ruled.csv", "--no-likelihood", "--direction", "cpu_usage=above");

        assertThat(flagged(free, "cpu_drop")).as("drops flagged without rules").isPositive();
        assertThat(flagged(ruled, "cpu_spike")).isEqualTo(flagged(free, "cpu_spike")).isPositive();
        assertSuppressedExactlyTheDifference(free, ruled, "direction");
        assertThat(flagged(ruled, "cpu_drop")).isLessThan(flagged(free, "cpu_drop"));
        // Only cpu has a rule: an anomaly it removed had cpu below what the model expected. The drops still
        // flagged are those that other features (a slow response, less traffic) explain at least half of.
        assertThat(ruled).filteredOn(row -> !row.get("suppressed_by").isEmpty()).allMatch(row ->
                Double.parseDouble(row.get("cpu_usage")) < Double.parseDouble(row.get("expected_cpu_usage")));
    }

    @Test
    void aMinimumDeviationRemovesExactlyTheAnomaliesTooCloseToWhatWasExpected() throws IOException {
        Path input = withCpuDrops(dir.resolve("t.csv"));
        List<CSVRecord> free = backtest(input, "free.csv");
        List<CSVRecord> absolute = backtest(input, "absolute.csv", "--min-deviation", "cpu_usage=40");
        List<CSVRecord> relative = backtest(input, "relative.csv", "--min-deviation", "cpu_usage=300%");

        assertSuppressedExactlyTheDifference(free, absolute, "min_deviation");
        assertSuppressedExactlyTheDifference(free, relative, "min_deviation");
        assertThat(flagged(absolute, "cpu_spike")).isLessThan(flagged(free, "cpu_spike"));
        assertThat(relative).filteredOn(row -> !row.get("suppressed_by").isEmpty()).allMatch(row ->
                Math.abs(Double.parseDouble(row.get("cpu_usage")) - Double.parseDouble(row.get("expected_cpu_usage")))
                        < 3 * Math.abs(Double.parseDouble(row.get("expected_cpu_usage"))));
    }

    @Test
    void forLetsExactlyTheAnomaliesStandWhoseHostWasAnomalousLongEnough() throws IOException {
        Path input = SyntheticMetrics.write(dir.resolve("t.csv"), 3000, 2, 9);
        List<CSVRecord> free = backtest(input, "free.csv");

        // Each host has an event every 5 s: three in a row and 10 s from the first are the same rule.
        long stood = assertRuns(free, backtest(input, "for-3.csv", "--for", "3"), host -> true);
        assertThat(assertRuns(free, backtest(input, "for-10s.csv", "--for", "10s"), host -> true)).isEqualTo(stood);
        assertThat(stood).as("anomalies standing with --for 3").isPositive()
                .isLessThan(flagged(free, "cpu_spike") + flagged(free, ""));
    }

    @Test
    void aRuleFileRulesTheHostsItsPatternsMatchAndOnlyThose() throws IOException {
        Path input = SyntheticMetrics.write(dir.resolve("t.csv"), 3000, 2, 9);
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - hosts: "web-2"
                    for: 3
                """);
        List<CSVRecord> free = backtest(input, "free.csv");

        List<CSVRecord> ruled = backtest(input, "ruled.csv", "--rules", rules.toString());

        assertThat(assertRuns(free, ruled, host -> host.equals("web-2"))).isPositive();
        assertThat(detect("--rules", dir.resolve("none.yaml").toString()).err()).contains("none.yaml: no such file");
        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "rules:\n  - hosts: x\n    direction: {cpu: above}\n");
        Result refused = detect("--model-dir", models.toString(), "--input", input.toString(), "--rules",
                unknown.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("unknown.yaml: rule 1 names cpu, which model v-offline does not have");
    }

    /**
     * Checks every row of {@code ruled} (with a rule of 3 events in a row for the hosts {@code ruledHosts}
     * accepts) against the runs of anomalies in {@code free}, the same stream without rules.
     *
     * @return the anomalies that stood on ruled hosts
     */
    private static long assertRuns(List<CSVRecord> free, List<CSVRecord> ruled,
                                   java.util.function.Predicate<String> ruledHosts) {
        assertThat(ruled).hasSameSizeAs(free);
        java.util.Map<String, Integer> runs = new java.util.HashMap<>();
        java.util.Map<String, String> starts = new java.util.HashMap<>();
        long stood = 0;
        for (int i = 0; i < free.size(); i++) {
            CSVRecord row = free.get(i);
            CSVRecord judged = ruled.get(i);
            assertThat(judged.get("likelihood")).as("row %d: rules judge, they do not score", i)
                    .isEqualTo(row.get("likelihood"));
            String host = row.get("host");
            if (!row.get("status").equals("scored") || !ruledHosts.test(host)) {
                assertThat(judged.get("is_anomaly")).as("row %d", i).isEqualTo(row.get("is_anomaly"));
                assertThat(judged.get("suppressed_by") + judged.get("anomalous_since")).as("row %d", i).isEmpty();
                continue;
            }
            boolean anomalous = row.get("is_anomaly").equals("true");
            int run = anomalous ? runs.merge(host, 1, Integer::sum) : 0;
            runs.put(host, run);
            if (run == 1) {
                starts.put(host, row.get("timestamp"));
            }
            boolean stands = run >= 3;
            assertThat(judged.get("is_anomaly")).as("row %d", i).isEqualTo(Boolean.toString(stands));
            assertThat(judged.get("suppressed_by")).as("row %d", i).isEqualTo(anomalous && !stands ? "for" : "");
            assertThat(judged.get("anomalous_since")).as("row %d", i).isEqualTo(stands ? starts.get(host) : "");
            stood += stands ? 1 : 0;
        }
        return stood;
    }

    @Test
    void rulesNamingFeaturesTheModelLacksOrWrittenWrongAreRefused() throws IOException {
        Path input = SyntheticMetrics.write(dir.resolve("t.csv"), 100, 2, 9);

        Result unknown = detect("--model-dir", models.toString(), "--input", input.toString(), "--direction",
                "cpu_usge=above");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("cpu_usge, which model v-offline does not have");
        assertThat(detect("--direction", "cpu_usage=up").err()).contains("'up' is no direction");
        assertThat(detect("--direction", "cpu_usage").err()).contains("--direction takes FEATURE=VALUE");
        assertThat(detect("--min-deviation", "cpu_usage=ten").err()).contains("'ten' is no minimum deviation");
        assertThat(detect("--min-deviation", "cpu_usage=-5").exitCode()).isEqualTo(2);
        assertThat(detect("--direction", "cpu_usage=above,cpu_usage=below").err()).contains("names cpu_usage twice");
        assertThat(detect("--for", "0").exitCode()).isEqualTo(2);
        assertThat(detect("--for", "a while").err()).contains("--for takes a number of events (3) or a duration");
    }

    /**
     * The rules only judge what the model found: each row is an anomaly without them exactly when it is one
     * with them or was suppressed, and every suppressed row names the rule.
     */
    private static void assertSuppressedExactlyTheDifference(List<CSVRecord> free, List<CSVRecord> ruled,
                                                             String rule) {
        assertThat(ruled).hasSameSizeAs(free);
        long suppressed = 0;
        for (int i = 0; i < free.size(); i++) {
            boolean wasAnomaly = free.get(i).get("is_anomaly").equals("true");
            boolean isAnomaly = ruled.get(i).get("is_anomaly").equals("true");
            String by = ruled.get(i).get("suppressed_by");
            assertThat(wasAnomaly).as("row %d", i).isEqualTo(isAnomaly || !by.isEmpty());
            assertThat(by).as("row %d", i).isIn("", rule);
            suppressed += by.isEmpty() ? 0 : 1;
        }
        assertThat(suppressed).as("anomalies suppressed by " + rule).isPositive();
        assertThat(flagged(ruled, "") + flagged(ruled, "cpu_spike") + flagged(ruled, "cpu_drop"))
                .isEqualTo(flagged(free, "") + flagged(free, "cpu_spike") + flagged(free, "cpu_drop") - suppressed);
    }

    /** The synthetic stream, with the cpu of a 30 s window of every host's normal cycle 45 lower (cpu_drop). */
    private static Path withCpuDrops(Path file) throws IOException {
        List<String> lines = SyntheticMetrics.csv(3000, 2, 9).lines().toList();
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            int step = (i - 1) / 2;
            if (cells[7].isEmpty() && step % 30 >= 9 && step % 30 < 15) {
                cells[2] = String.format(java.util.Locale.ROOT, "%.2f", Math.max(0, Double.parseDouble(cells[2]) - 45));
                cells[7] = "cpu_drop";
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return Files.writeString(file, csv);
    }

    private List<CSVRecord> backtest(Path input, String output, String... rules) throws IOException {
        Path scored = dir.resolve(output);
        List<String> args = new java.util.ArrayList<>(List.of("--model-dir", models.toString(), "--input",
                input.toString(), "--output", scored.toString()));
        args.addAll(List.of(rules));
        Result result = detect(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return read(scored);
    }

    @Test
    void plotDrawsEveryHostWithAReadableDotOnEachFlaggedEvent() throws IOException {
        Path input = SyntheticMetrics.write(dir.resolve("t.csv"), 3000, 2, 9);
        Path scored = dir.resolve("s.csv");
        Path charts = dir.resolve("charts");

        Result result = detect("--model-dir", models.toString(), "--input", input.toString(), "--output",
                scored.toString(), "--plot", charts.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Drew 2 hosts in " + charts);
        for (HostSeries host : ScoredCsvCharts.read(scored, "host")) {
            BufferedImage image = ImageIO.read(charts.resolve(host.host() + ".png").toFile());
            ChartLayout layout = ChartLayout.of(host);
            assertThat(image.getWidth()).isEqualTo(ChartLayout.WIDTH);
            assertThat(image.getHeight()).isEqualTo(layout.height());
            assertThat(host.anomalies()).as(host.host() + "'s anomalies").isPositive();
            for (int i = 0; i < host.size(); i++) {
                if (host.flagged(i)) {
                    assertThat(image.getRGB(layout.x(i), layout.y(0, host.value(i, 0))))
                            .as("%s event %d", host.host(), i).isEqualTo(HostChart.FLAGGED.getRGB());
                }
            }
        }
        Result withoutOutput = detect("--input", input.toString(), "--plot", charts.toString());
        assertThat(withoutOutput.exitCode()).isEqualTo(2);
        assertThat(withoutOutput.err()).contains("--plot goes with --input and --output FILE.csv");
        Result onAFile = detect("--input", input.toString(), "--output", scored.toString(), "--plot", input.toString());
        assertThat(onAFile.exitCode()).isEqualTo(2);
        assertThat(onAFile.err()).contains("--plot needs a directory");
    }

    @Test
    void badOptionsAreUsageErrors() {
        Result guarantee = detect("--guarantee", "maybe-once");
        assertThat(guarantee.exitCode()).isEqualTo(2);
        assertThat(guarantee.err()).contains("unknown guarantee 'maybe-once'");
        Result from = detect("--from", "middle");
        assertThat(from.exitCode()).isEqualTo(2);
        assertThat(from.err()).contains("--from must be earliest or latest, got 'middle'");
        assertThat(detect("--output", "x.csv").err()).contains("--output goes with --input");
        assertThat(detect("--max-poll-records", "0").exitCode()).isEqualTo(2);
        Result rate = detect("--learn-rate", "0");
        assertThat(rate.exitCode()).isEqualTo(2);
        assertThat(rate.err()).contains("--learn-rate must be above 0 and below 1, got 0.0");
        assertThat(detect("--learn-every", "0").err()).contains("--learn-every must be 1..1000000, got 0");
    }

    private static Result detect(String... args) {
        return CliDriver.run(new DetectCommand(), args);
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
