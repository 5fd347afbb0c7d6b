package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A metric that never moved in training (a flat line, a disk always at 0) trains, and any move is flagged. */
class FlatLineIT {
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aConstantSeriesTrainsWithAWarningAndEveryDepartureIsAnAnomaly() throws IOException {
        Path training = write("training.csv", 600, Map.of());
        Map<Integer, String> departures = new TreeMap<>(Map.of(250, "42.001", 400, "0", 401, "0", 402, "1000"));
        Path stream = write("stream.csv", 600, departures);
        Path model = dir.resolve("model");
        Path scored = dir.resolve("scored.csv");

        AnomalyProcess train = run("train", "--input", training.toString(), "--features", "value", "--model-dir",
                model.toString(), "--epochs", "5");
        run("detect", "--model-dir", model.toString(), "--input", stream.toString(), "--output", scored.toString(),
                "--quiet");

        assertThat(train.errLines()).anyMatch(line -> line.contains("value is constant (42) in the training data"));
        assertThat(train.errLines()).as("no library log lines for cron to mail")
                .noneMatch(line -> line.contains(" WARN "));
        List<String> lines = Files.readAllLines(scored);
        List<String> header = List.of(lines.get(0).split(","));
        int flag = header.indexOf("is_anomaly");
        int status = header.indexOf("status");
        List<Integer> flagged = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            assertThat(cells[status]).as("row %d is scored, not a data error", row).isEqualTo("scored");
            if (Boolean.parseBoolean(cells[flag])) {
                flagged.add(row - 1);
            }
        }
        assertThat(flagged).containsExactlyElementsOf(departures.keySet());
    }

    private Path write(String name, int rows, Map<Integer, String> departures) throws IOException {
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        for (int i = 0; i < rows; i++) {
            lines.add(START.plusSeconds(10L * i) + "," + departures.getOrDefault(i, "42.0"));
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static AnomalyProcess run(String... args) {
        AnomalyProcess process = AnomalyProcess.run(Duration.ofSeconds(300), args);
        assertThat(process.exitCode()).as(String.join(" ", args) + "\n" + String.join("\n", process.errLines()))
                .isZero();
        return process;
    }
}
