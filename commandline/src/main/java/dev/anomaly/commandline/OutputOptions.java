package dev.anomaly.commandline;

import picocli.CommandLine.Option;

/**
 * {@code --verbose} and {@code --quiet}, shared by every subcommand. The root command reads
 * {@code --verbose} from the parse result to set log levels and to decide whether to show stack traces.
 */
public final class OutputOptions {
    /** The option name the root command looks for in the parse result. */
    public static final String VERBOSE = "--verbose";
    /** The option name the root command looks for in the parse result. */
    public static final String QUIET = "--quiet";

    @Option(names = {"-v", VERBOSE}, description = "Log more, and show stack traces of errors.")
    private boolean verbose;

    @Option(names = {"-q", QUIET}, description = "Print errors only (for cron and scripts).")
    private boolean quiet;

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet && !verbose;
    }
}
