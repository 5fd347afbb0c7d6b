package dev.anomaly.cli;

import dev.anomaly.commandline.CommandLineSupport;
import picocli.CommandLine;

/** Builds the configured {@code anomaly} command line: converters, error handling, log levels. */
public final class AnomalyCommandLine {
    private AnomalyCommandLine() {
    }

    /** The root command with every subcommand, ready to {@code execute}. */
    public static CommandLine create() {
        CommandLine commandLine = CommandLineSupport.configure(new CommandLine(new AnomalyCommand()));
        commandLine.setExecutionStrategy(new LoggingExecutionStrategy());
        return commandLine;
    }
}
