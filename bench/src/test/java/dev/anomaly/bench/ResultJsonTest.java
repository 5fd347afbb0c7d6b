package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJsonTest {
    private static final long MB = 1024;

    @TempDir
    Path dir;

    private final BenchResults results = results();

    @Test
    void theTrackedKeysHoldTheFiguresAndASkippedMeasurementIsNull() {
        JsonNode json = ResultJson.of(results);

        assertThat(json.path("passthrough_eps").asLong()).isEqualTo(500_000);
        assertThat(json.path("detect_eos_eps").asLong()).isEqualTo(250_000);
        assertThat(json.path("detect_alo_eps").asLong()).isEqualTo(300_000);
        assertThat(json.path("per_record_eps").asDouble()).isEqualTo(2000.0);
        assertThat(json.path("latency_ms").path("p50").asDouble()).isEqualTo(10.5);
        assertThat(json.path("latency_ms").path("p99").asDouble()).isEqualTo(20.0);
        assertThat(json.path("latency_ms").path("p999").asDouble()).isEqualTo(30.0);
        assertThat(json.path("latency_ms_by_rate").path("1000").path("p99").asDouble()).isEqualTo(8.0);
        assertThat(json.path("latency_ms_by_rate").path("50000").path("achieved_rate").asLong()).isEqualTo(41_000);
        assertThat(json.path("latency_ms_by_rate").fieldNames()).toIterable().containsExactly("1000", "10000",
                "50000");
        assertThat(json.path("detector_peak_rss_mb").asDouble()).isEqualTo(400.0);
        assertThat(json.path("details").path("detector_peak_rss_run").asText()).isEqualTo("detect-alo");
        assertThat(json.has("train_seconds")).isTrue();
        assertThat(json.get("train_seconds").isNull()).isTrue();
        assertThat(json.path("ratios").path("detect_eos_to_passthrough").asDouble()).isEqualTo(0.5);
        assertThat(json.path("ratios").path("detect_eos_to_per_record").asDouble()).isEqualTo(125.0);
        assertThat(json.path("skipped").get(0).asText()).isEqualTo("train");
        assertThat(json.get("scaling").isNull()).as("not asked for").isTrue();
    }

    @Test
    void theScalingFiguresAreListsOfPointsWithTheMemoryPerHost() {
        results.scaling(new ScalingResults(java.util.List.of(
                new ScalingResults.HostPoint(10, 1, throughput(90_000, 300 * MB)),
                new ScalingResults.HostPoint(1_000_010, 1, throughput(60_000, 800 * MB))),
                java.util.List.of(new ScalingResults.ProcessPoint(2, 1000, throughput(120_000, 310 * MB))),
                java.util.List.of(new AlerterThroughput.Result(70_000, 100_000, 100_000, 1.4, 12))));

        JsonNode scaling = ResultJson.of(results).path("scaling");

        assertThat(scaling.path("hosts").get(1).path("hosts").asInt()).isEqualTo(1_000_010);
        assertThat(scaling.path("hosts").get(1).path("eps").asLong()).isEqualTo(60_000);
        assertThat(scaling.path("hosts").get(1).path("peak_rss_mb").asDouble()).isEqualTo(800.0);
        assertThat(scaling.path("hosts").get(1).path("window").asInt()).as("the model's").isEqualTo(1);
        assertThat(scaling.path("hosts").get(1).path("timing").asText()).isEqualTo(ThroughputResult.COMMIT_TO_COMMIT);
        assertThat(scaling.path("bytes_per_host").path("window_1").asDouble()).as("500 MiB over a million hosts")
                .isEqualTo(524.0);
        assertThat(scaling.path("processes").get(0).path("eps").asLong()).isEqualTo(120_000);
        assertThat(scaling.path("alerter").get(0).path("hosts").asInt()).isEqualTo(100_000);
    }

    private static ThroughputResult throughput(double eventsPerSecond, long peakRssKb) {
        return new ThroughputResult(eventsPerSecond, 1_000_000, 1_000_000 / eventsPerSecond,
                ThroughputResult.COMMIT_TO_COMMIT, peakRssKb);
    }

    @Test
    void theFileIsReplacedWhole() throws IOException {
        Path target = dir.resolve("reports/b.json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");

        ResultJson.write(results, target);

        assertThat(new ObjectMapper().readTree(target.toFile()).path("events").asLong()).isEqualTo(1_000_000);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void theTablePrintsTheRatiosBesideDetect() {
        assertThat(ResultTable.lines(results))
                .anyMatch(line -> line.startsWith("2  detect, exactly-once") && line.contains("250,000")
                        && line.endsWith("0.50 × pass-through, 125 × per-record"))
                .anyMatch(line -> line.startsWith("4  latency p50 at 1,000 events/s") && line.contains("4.0"))
                .anyMatch(line -> line.contains("latency p50 at 50,000 events/s") && line.contains("900.0"))
                .anyMatch(line -> line.startsWith("5  training") && line.contains("skipped"))
                .anyMatch(line -> line.startsWith("6  detector peak RSS (detect at-least-once)") && line.contains("400"));
    }

    private static BenchResults results() {
        BenchOptions options = new BenchOptions(1_000_000, 3, java.util.List.of(50_000, 1_000, 10_000), 20, 5, 5000, 100_000, 50,
                Set.of(Measurement.TRAIN), Optional.empty(), false, 1, java.util.List.of(), false, Optional.empty());
        BenchResults results = new BenchResults(options, new BenchResults.Environment(
                Instant.parse("2026-01-01T00:00:00Z"), 2, "17.0.15", "Linux", "0.1.0"));
        results.preload(800_000);
        results.throughput(Measurement.PASSTHROUGH_EOS, new ThroughputResult(500_000, 990_000, 1.98,
                ThroughputResult.COMMIT_TO_COMMIT, 200 * MB));
        results.throughput(Measurement.PASSTHROUGH_ALO, new ThroughputResult(600_000, 990_000, 1.65,
                ThroughputResult.COMMIT_TO_COMMIT, 200 * MB));
        results.throughput(Measurement.DETECT_EOS, new ThroughputResult(250_000, 990_000, 3.96,
                ThroughputResult.COMMIT_TO_COMMIT, 350 * MB));
        results.throughput(Measurement.DETECT_ALO, new ThroughputResult(300_000, 990_000, 3.3,
                ThroughputResult.COMMIT_TO_COMMIT, 400 * MB));
        results.perRecord(new PerRecordScoring.Result(2000, 5000, 2.5, 1000, 300));
        results.latency(10_000, new LatencyRun.Result(10.5, 20, 30, 40, 5, 15, 200_000, 0, 0, 10_000, 380 * MB));
        results.latency(1_000, new LatencyRun.Result(4, 8, 9, 10, 2, 6, 20_000, 0, 0, 1_000, 300 * MB));
        results.latency(50_000, new LatencyRun.Result(900, 1800, 1900, 2000, 850, 1700, 1_000_000, 0, 0, 41_000,
                390 * MB));
        return results;
    }
}
