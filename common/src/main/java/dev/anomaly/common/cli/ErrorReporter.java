package dev.anomaly.common.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr and an exit code; the stack trace only with --verbose.
 */
public final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = OutputFlags.of(parseResult).verbose();
        if (verbose) {
            ex.printStackTrace(err);
        }
        String message = ex instanceof ExitException ? ex.getMessage() : describeUnexpected(ex);
        String hint = verbose || ex instanceof ExitException ? "" : " (--verbose shows the stack trace)";
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
