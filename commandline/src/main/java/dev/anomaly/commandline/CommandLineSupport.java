package dev.anomaly.commandline;

import java.time.Duration;
import picocli.CommandLine;

/**
 * The configuration every {@code anomaly} command line shares: duration values, a short usage error
 * (exit 2), one-line failures (exit 1 or the {@link ExitException}'s code). The root command and the
 * in-process CLI tests both use it, so tests see what users see.
 */
public final class CommandLineSupport {
    private CommandLineSupport() {
    }

    /** Applies the shared configuration to a command line and its subcommands; returns it. */
    public static CommandLine configure(CommandLine commandLine) {
        commandLine.registerConverter(Duration.class, new DurationConverter());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setParameterExceptionHandler(new ShortUsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine;
    }
}
