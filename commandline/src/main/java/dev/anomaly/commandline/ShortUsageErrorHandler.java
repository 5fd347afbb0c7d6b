package dev.anomaly.commandline;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A bad command line: the error, the usage line and where to find more, then exit code 2. */
public final class ShortUsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        CommandSpec spec = commandLine.getCommandSpec();
        err.println(commandLine.getColorScheme().errorText(spec.qualifiedName() + ": " + ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(commandLine.getHelp().fullSynopsis());
        err.printf("Try '%s --help' for more information.%n", spec.qualifiedName());
        err.flush();
        return spec.exitCodeOnInvalidInput();
    }
}
