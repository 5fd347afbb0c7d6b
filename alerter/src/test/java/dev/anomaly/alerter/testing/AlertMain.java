package dev.anomaly.alerter.testing;

import dev.anomaly.alerter.cli.AlertCommand;
import dev.anomaly.commandline.CommandLineSupport;
import picocli.CommandLine;

/** {@code anomaly alert} as its own JVM, for tests that kill it: what the launcher's main does. */
public final class AlertMain {
    private AlertMain() {
    }

    public static void main(String[] args) {
        int exitCode = CommandLineSupport.configure(new CommandLine(new AlertCommand())).execute(args);
        System.exit(exitCode);
    }
}
