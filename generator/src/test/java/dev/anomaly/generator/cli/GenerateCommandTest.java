package dev.anomaly.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private static final String HEADER =
            "timestamp,host,cpu_usage,memory_usage,response_time_ms,disk_io_mb,network_io_mb,label,episode";

    @TempDir
    Path dir;

    @Test
    void writesAHeaderAndTheRequestedRowsToStdout() {
        Result result = CliDriver.run(new GenerateCommand(), "--count", "1000", "--seed", "7", "--output", "-");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).hasSize(1001).first().isEqualTo(HEADER);
        assertThat(result.outLines().get(1)).startsWith("2026-01-01T00:00:00Z,web-1,");
        assertThat(result.err()).contains("Sent 1,000 events").contains("to stdout");
    }

    @Test
    void theSameSeedGivesIdenticalBytes() {
        String first = CliDriver.run(new GenerateCommand(), "-n", "500", "--seed", "3", "--hosts", "4", "-o", "-").out();
        String second = CliDriver.run(new GenerateCommand(), "-n", "500", "--seed", "3", "--hosts", "4", "-o", "-").out();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void writesACsvFileAndReportsOnStderr() throws IOException {
        Path file = dir.resolve("out/g.csv");

        Result result = CliDriver.run(new GenerateCommand(), "--count", "50", "--seed", "1", "--output", file.toString());

        assertThat(result.exitCode()).isZero();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(51).first().isEqualTo(HEADER);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aDurationOfSimulatedTimeBoundsTheRun() {
        Result result = CliDriver.run(new GenerateCommand(), "--duration", "1h", "--hosts", "2", "--seed", "1",
                "-o", "-");

        // 3600 s / 5 s = 720 steps, two hosts each.
        assertThat(result.outLines()).hasSize(1 + 1440);
        assertThat(result.outLines().get(1440)).startsWith("2026-01-01T00:59:55Z,web-2,");
    }

    @Test
    void anExplicitStartMovesTheClock() {
        Result result = CliDriver.run(new GenerateCommand(), "-n", "1", "--seed", "1",
                "--start", "2025-06-01 12:00:00", "-o", "-");

        assertThat(result.outLines().get(1)).startsWith("2025-06-01T12:00:00Z,");
    }

    @Test
    void noAnomaliesWhenEveryIsZero() {
        Result result = CliDriver.run(new GenerateCommand(), "-n", "2000", "--seed", "1", "--anomaly-every", "0",
                "-o", "-");

        assertThat(result.outLines().subList(1, result.outLines().size()))
                .hasSize(2000).allSatisfy(line -> assertThat(line).endsWith(",,"));
    }

    @Test
    void badValuesAreUsageErrors() {
        assertUsageError(CliDriver.run(new GenerateCommand(), "--count", "0", "-o", "-"), "--count must be at least 1");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--hosts", "0", "-o", "-"), "--hosts must be at least 1");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--interval", "soon", "-o", "-"), "is not a duration");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--anomaly-types", "cpu_spike,disk_full", "-o", "-"),
                "unknown anomaly type 'disk_full'; known: cpu_spike,memory_leak,slow_response");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--rate", "-1", "-o", "-"), "--rate must be 0");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--start", "yesterday", "-o", "-"), "--start:");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--replay", "x.csv", "-o", "-"),
                "cannot be combined with --output");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--frobnicate"), "Unknown option: '--frobnicate'");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--anomaly-types", "level_shift", "-o", "-"),
                "level_shift is a lasting change, not an episode: use --level-shift-every");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--daily-cycle", "150", "-o", "-"),
                "cycle amplitudes 0 to 100 points");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--trend", "fast", "-o", "-"),
                "Invalid value for option '--trend'");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--level-shift-every", "1ms", "-o", "-"),
                "0 (none) or at least 1s");
        assertUsageError(CliDriver.run(new GenerateCommand(), "--replay", "x.csv", "--trend", "1"),
                "cannot be combined with --level-shift-every");
    }

    @Test
    void aMissingReplayFileIsAOneLineFailure() {
        Result result = CliDriver.run(new GenerateCommand(), "--replay", dir.resolve("missing.csv").toString(),
                "--bootstrap-server", "127.0.0.1:1", "--timeout", "1s");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("generate: " + dir.resolve("missing.csv") + ": no such file");
    }

    @Test
    void helpExplainsEveryOptionWithItsDefault() {
        Result result = CliDriver.run(new GenerateCommand(), "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().replaceAll("\\s+", " ")).contains("--bootstrap-server", "--command-config", "--property", "--topic",
                "default: system-metrics", "--interval", "default: 5s", "--anomaly-every", "default: 2m",
                "--anomaly-length", "default: 30s", "--timeout", "default: 30s", "--rate", "--seed", "--replay",
                "--level-shift-every", "--noise-change-every", "--change-label-length", "default: 1m", "--trend",
                "--daily-cycle", "--weekly-cycle");
    }

    private static void assertUsageError(Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("Usage: generate");
    }
}
