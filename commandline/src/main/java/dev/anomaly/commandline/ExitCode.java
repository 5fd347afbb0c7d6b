package dev.anomaly.commandline;

/**
 * Exit codes shared by every {@code anomaly} subcommand. Subcommands document any code beyond these in
 * their {@code --help}.
 */
public final class ExitCode {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The command failed; a one-line reason is on stderr. */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown option, bad value, missing argument. */
    public static final int USAGE = 2;
    /** {@code train}: not enough training samples arrived before the timeout. */
    public static final int NOT_ENOUGH_SAMPLES = 3;

    private ExitCode() {
    }
}
