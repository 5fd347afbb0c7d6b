package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AnomalyCommandTest {
    @Test
    void helpListsTheWorkingSubcommands() {
        Run run = execute("--help");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("Usage: anomaly", "broker", "generate", "completion");
    }

    @Test
    void everyHelpRendersWithoutAPicocliWarning() {
        // picocli formats help lines with String.format; a bare '%' makes it warn on stderr and print the raw text.
        PrintStream original = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            renderEveryUsage(AnomalyCommandLine.create());
        } finally {
            System.setErr(original);
        }

        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void versionNamesTheProductAndItsEngines() {
        Run run = execute("--version");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).startsWith("anomaly ").contains("Apache Kafka 4.", "Deeplearning4j");
    }

    @Test
    void anUnknownOptionIsExitTwoWithTheUsageLine() {
        Run run = execute("--bogus");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err.lines()).containsExactly("anomaly: Unknown option: '--bogus'", "Usage: anomaly [-hV] [COMMAND]",
                "Try 'anomaly --help' for more information.");
    }

    @Test
    void anUnknownSubcommandOptionNamesTheSubcommand() {
        Run run = execute("generate", "--frobnicate");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).startsWith("anomaly generate: Unknown option: '--frobnicate'")
                .contains("Try 'anomaly generate --help' for more information.");
    }

    @Test
    void noSubcommandIsAUsageError() {
        Run run = execute();

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Missing subcommand");
    }

    @Test
    void completionPrintsABashScript() {
        Run run = execute("completion");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("complete -F", "generate", "--bootstrap-server");
    }

    @Test
    void aFailureIsOneLineWithoutAStackTrace() {
        Run run = execute("generate", "--replay", "/nonexistent/file.csv");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err.lines()).containsExactly("anomaly generate: /nonexistent/file.csv: no such file");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run run = execute("generate", "--verbose", "--replay", "/nonexistent/file.csv");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("dev.anomaly.commandline.ExitException", "\tat ");
    }

    private static void renderEveryUsage(CommandLine commandLine) {
        assertThat(commandLine.getUsageMessage()).contains("Usage: ");
        commandLine.getSubcommands().values().forEach(AnomalyCommandTest::renderEveryUsage);
    }

    private static Run execute(String... args) {
        CommandLine commandLine = AnomalyCommandLine.create();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
