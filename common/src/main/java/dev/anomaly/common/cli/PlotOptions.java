package dev.anomaly.common.cli;

import dev.anomaly.common.chart.ScoredCsvCharts;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --plot DIR} and {@code --plot-hosts N}: charts of a scored CSV, shared by detect and evaluate. */
public final class PlotOptions {
    @Option(names = "--plot", paramLabel = "DIR",
            description = "Also draw DIR/HOST.png from the scored CSV (detect: with --input and --output FILE; "
                    + "evaluate: with --input) for the hosts with the most flagged events: each feature over time "
                    + "with the value the model expected, the host's typical range and every flagged event, "
                    + "labelled episodes shaded when the CSV has a label column. Default: no charts.")
    private Path dir;

    @Option(names = "--plot-hosts", paramLabel = "N", defaultValue = "" + ScoredCsvCharts.DEFAULT_HOSTS,
            description = "How many hosts --plot draws, the most flagged first (default: ${DEFAULT-VALUE}).")
    private int hosts;

    /** Where the charts go; null: none. */
    public Path dir() {
        return dir;
    }

    public int hosts() {
        return hosts;
    }

    /**
     * @throws IllegalArgumentException when {@code --plot-hosts} is below 1
     */
    public void validate() {
        if (hosts < 1) {
            throw new IllegalArgumentException("--plot-hosts must be at least 1, got " + hosts);
        }
    }
}
