package dev.anomaly.commandline;

import dev.anomaly.common.chart.ScoredCsvCharts;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
     * Checks the options before any work is done: DIR must be a directory or not exist yet.
     *
     * @param drawing whether charts will be drawn (else DIR is not looked at)
     * @throws IllegalArgumentException one line naming what is wrong
     */
    public void validate(boolean drawing) {
        if (hosts < 1) {
            throw new IllegalArgumentException("--plot-hosts must be at least 1, got " + hosts);
        }
        if (drawing && dir != null && (dir.toString().isBlank() || Files.exists(dir) && !Files.isDirectory(dir))) {
            throw new IllegalArgumentException("--plot needs a directory, got '" + dir + "'");
        }
    }

    /**
     * Draws the charts of a scored CSV into {@code --plot}'s directory.
     *
     * @param hostColumn the CSV's column that names the host
     * @return the line the command prints
     * @throws ExitException (exit 1) when the CSV cannot be drawn or the charts cannot be written
     */
    public String draw(Path scoredCsv, String hostColumn) {
        try {
            return summary(ScoredCsvCharts.write(scoredCsv, dir, hosts, hostColumn), dir);
        } catch (IllegalArgumentException e) {
            throw ExitException.failure(e.getMessage(), e);
        } catch (IOException e) {
            throw ExitException.failure(dir + ": cannot draw the charts: " + describe(e), e);
        }
    }

    /** The line a command prints once the charts are drawn. */
    public static String summary(List<ScoredCsvCharts.Chart> charts, Path dir) {
        return charts.isEmpty() ? "No rows to draw: no charts in " + dir
                : String.format(Locale.ROOT, "Drew %,d host%s in %s (the most flagged first: %s)", charts.size(),
                        charts.size() == 1 ? "" : "s", dir, charts.get(0).file().getFileName());
    }

    /** An I/O failure in words: Java's own messages are often just the path. */
    public static String describe(IOException e) {
        String kind = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "a file is in the way"
                : e instanceof NoSuchFileException ? "no such directory" : e.getClass().getSimpleName();
        return kind + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
