package dev.anomaly.commandline;

import dev.anomaly.common.failure.ExplainedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr and an exit code; the stack trace only with --verbose. A failure
 * explained by the code that threw it ({@link ExplainedException}) is shown as is and ends with 1, or with an
 * {@link ExitException}'s own code; anything else is unexpected and named by its root cause.
 */
public final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = OutputFlags.of(parseResult).verbose();
        if (verbose) {
            ex.printStackTrace(err);
        }
        boolean explained = ex instanceof ExplainedException;
        String message = explained ? ex.getMessage() : describeUnexpected(ex);
        String hint = verbose || explained ? "" : " (--verbose shows the stack trace)";
        err.println(commandLine.getColorScheme().errorText(
                commandLine.getCommandSpec().qualifiedName() + ": " + firstLine(message) + hint));
        err.flush();
        return ex instanceof ExitException exit ? exit.exitCode() : ExitCode.FAILURE;
    }

    private static String describeUnexpected(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String type = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? "unexpected " + type : message + " (" + type + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "failed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
