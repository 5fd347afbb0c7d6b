package dev.anomaly.commandline;

import dev.anomaly.common.failure.ExplainedException;

/**
 * A failure that ends a command with a specific exit code and a message meant for the user: what commands
 * throw; library code throws an {@link ExplainedException} and leaves the exit code (1) to the command layer.
 *
 * <p>Thrown deep in the code; the root command's exception handler prints the message as one line on
 * stderr (the stack trace only with {@code --verbose}) and returns {@link #exitCode()}.
 */
public class ExitException extends ExplainedException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public ExitException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A failure (exit code 1) with a message for the user. */
    public static ExitException failure(String message) {
        return new ExitException(ExitCode.FAILURE, message);
    }

    /** A failure (exit code 1) with a message for the user and the cause, shown with --verbose. */
    public static ExitException failure(String message, Throwable cause) {
        return new ExitException(ExitCode.FAILURE, message, cause);
    }

    /** Bad input from the command line (exit code 2). */
    public static ExitException usage(String message) {
        return new ExitException(ExitCode.USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
