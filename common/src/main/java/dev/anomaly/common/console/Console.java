package dev.anomaly.common.console;

import java.io.PrintWriter;

/**
 * Where a command's human output goes: results to {@code out}, diagnostics and progress to {@code err}.
 *
 * @param out results (stdout, unless stdout carries data)
 * @param err diagnostics, progress and summaries
 * @param quiet print errors only
 * @param interactive stderr is a terminal, so progress may redraw one line
 */
public record Console(PrintWriter out, PrintWriter err, boolean quiet, boolean interactive) {
    /** Whether this JVM's stderr looks like a terminal (a redrawn progress line is then welcome). */
    public static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    /** A result line on {@code out}, unless quiet. */
    public void result(String line) {
        if (!quiet) {
            out.println(line);
            out.flush();
        }
    }

    /** A diagnostic line on {@code err}, unless quiet. */
    public void info(String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }

    /** A progress line on {@code err}: redrawn in place on a terminal, not shown otherwise. */
    public void progress(String line) {
        if (!quiet && interactive) {
            err.print("\r" + line + "\u001b[K");
            err.flush();
        }
    }

    /** Ends a redrawn progress line so that the next output starts on a fresh line. */
    public void endProgress() {
        if (!quiet && interactive) {
            err.println();
            err.flush();
        }
    }

    /** The same console with results sent to {@code err} (when stdout carries data). */
    public Console resultsToErr() {
        return new Console(err, err, quiet, interactive);
    }
}
