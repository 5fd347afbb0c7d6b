package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.bench.BenchCommand;
import dev.anomaly.testkit.CliDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench end to end at toy sizes: its own broker, child JVMs from anomaly.jar, every measurement. */
class BenchIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSmallRunTakesEveryMeasurementAndWritesThemAsJson() throws IOException {
        Path json = dir.resolve("b.json");
        Path plots = dir.resolve("plots");

        CliDriver.Result result = CliDriver.run(new BenchCommand(), "--events", "20000", "--train-samples", "2000",
                "--train-epochs", "2", "--latency-seconds", "3", "--latency-warmup", "1", "--latency-rate", "200,1000,3000",
                "--per-record-events", "500", "--scaling", "--scaling-events", "5000", "--scaling-hosts", "10,1000",
                "--scaling-windows", "1,3", "--scaling-processes", "1,2", "--scaling-alerter-hosts", "10,1000",
                "--plot", plots.toString(), "--json", json.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode figures = JSON.readTree(json.toFile());
        for (String key : List.of("passthrough_eps", "detect_eos_eps", "detect_alo_eps", "per_record_eps",
                "train_seconds", "detector_peak_rss_mb", "alerter_eps", "alerter_hosts")) {
            assertThat(figures.path(key).isNumber()).as(key + " in " + figures).isTrue();
            assertThat(figures.path(key).asDouble()).as(key).isPositive();
        }
        for (String family : List.of("autoencoder", "isolation-forest", "random-cut-forest")) {
            assertThat(figures.path("detect_eos_eps_per_model").path(family).asDouble()).as(family).isPositive();
        }
        for (String key : List.of("p50", "p99", "p999")) {
            assertThat(figures.path("latency_ms").path(key).asDouble()).as("latency_ms." + key).isPositive();
        }
        for (String rate : List.of("200", "1000", "3000")) {
            JsonNode atRate = figures.path("latency_ms_by_rate").path(rate);
            for (String key : List.of("p50", "p99", "p999", "achieved_rate")) {
                assertThat(atRate.path(key).asDouble()).as("latency_ms_by_rate." + rate + "." + key).isPositive();
            }
            assertThat(atRate.path("missing").asLong()).as("without output at " + rate).isZero();
            assertThat(atRate.path("duplicates").asLong()).as("duplicated at " + rate).isZero();
        }
        JsonNode scaling = figures.path("scaling");
        assertThat(scaling.path("hosts")).as("hosts × windows").hasSize(4);
        for (JsonNode point : scaling.path("hosts")) {
            assertThat(point.path("hosts").asInt()).isIn(10, 1000);
            assertThat(point.path("window").asInt()).isIn(1, 3);
            assertThat(point.path("eps").asDouble()).as("eps of " + point).isPositive();
            assertThat(point.path("peak_rss_mb").asDouble()).as("peak RSS of " + point).isPositive();
        }
        assertThat(scaling.path("bytes_per_host").has("window_1")).isTrue();
        assertThat(scaling.path("processes")).extracting(point -> point.path("processes").asInt())
                .containsExactly(1, 2);
        scaling.path("processes").forEach(point -> assertThat(point.path("eps").asDouble()).isPositive());
        assertThat(scaling.path("alerter")).extracting(point -> point.path("hosts").asInt()).containsExactly(10, 1000);
        scaling.path("alerter").forEach(point -> assertThat(point.path("eps").asDouble()).isPositive());
        for (String chart : List.of("scaling-hosts.png", "scaling-memory.png", "scaling-processes.png")) {
            assertThat(ImageIO.read(plots.resolve(chart).toFile())).as(chart).isNotNull();
        }
        JsonNode peer = figures.path("peer");
        assertThat(peer.path("partitions").asInt()).isEqualTo(3);
        assertThat(peer.path("processes").asInt()).isEqualTo(3);
        assertThat(peer.path("event_bytes").asDouble()).as("the tutorial's event size").isBetween(70.0, 100.0);
        for (String family : List.of("isolation_forest", "autoencoder")) {
            assertThat(peer.path(family).path("eps").asDouble()).as("peer." + family).isPositive();
            assertThat(peer.path(family).path("events").asLong()).as("peer." + family + " events").isPositive();
        }
        assertThat(result.out()).contains("detect at 1,000 hosts, window 3", "2 detect processes in one group",
                "tutorial's setting, isolation forest");
        assertThat(result.out()).contains("pass-through, exactly-once", "detect, exactly-once", "× pass-through",
                "× per-record", "latency p99.9", "detector peak RSS", "isolation forest", "random cut forest",
                "alerter at 20,000 hosts");
    }
}
