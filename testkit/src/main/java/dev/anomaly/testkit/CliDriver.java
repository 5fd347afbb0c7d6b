package dev.anomaly.testkit;

import dev.anomaly.common.cli.CommandLineSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs a command in-process with the same configuration as the launcher and captures what it prints
 * (the approach of Quarkus' CliDriver): tests assert on exit code, stdout and stderr.
 */
public final class CliDriver {
    private CliDriver() {
    }

    /** Runs {@code command} with {@code args}. */
    public static Result run(Object command, String... args) {
        CommandLine commandLine = CommandLineSupport.configure(new CommandLine(command));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /**
     * What a command did.
     *
     * @param exitCode its exit code
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     */
    public record Result(int exitCode, String out, String err) {
        /** The stdout lines. */
        public java.util.List<String> outLines() {
            return out.lines().toList();
        }

        /** The stderr lines. */
        public java.util.List<String> errLines() {
            return err.lines().toList();
        }
    }
}
