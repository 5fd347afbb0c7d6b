package dev.anomaly.commandline;

import picocli.CommandLine.Option;

/** {@code -h/--help} for a subcommand (the root command adds {@code --version} too). */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;
}
