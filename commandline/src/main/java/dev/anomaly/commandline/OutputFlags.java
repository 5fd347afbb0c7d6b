package dev.anomaly.commandline;

import picocli.CommandLine.ParseResult;

/** Whether --verbose or --quiet was given anywhere on the command line (root or subcommand). */
public record OutputFlags(boolean verbose, boolean quiet) {
    public static OutputFlags of(ParseResult parseResult) {
        boolean verbose = false;
        boolean quiet = false;
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            verbose |= result.hasMatchedOption(OutputOptions.VERBOSE);
            quiet |= result.hasMatchedOption(OutputOptions.QUIET);
        }
        return new OutputFlags(verbose, quiet && !verbose);
    }
}
