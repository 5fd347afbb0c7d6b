package dev.anomaly.cli;

/** The launcher's entry point: the only place that exits the JVM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = AnomalyCommandLine.create().execute(args);
        System.exit(exitCode);
    }
}
