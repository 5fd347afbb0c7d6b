package dev.anomaly.demo;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer that starts every line with a prefix such as {@code [detect] }, so the demo's components can
 * share one terminal and still be told apart. Whole lines are written under the target's lock, so lines
 * from different threads never interleave.
 */
final class PrefixedLines extends Writer {
    private final PrintWriter target;
    private final String prefix;
    private final StringBuilder line = new StringBuilder();

    PrefixedLines(PrintWriter target, String prefix) {
        this.target = target;
        this.prefix = prefix;
    }

    static PrintWriter of(PrintWriter target, String prefix) {
        return new PrintWriter(new PrefixedLines(target, prefix), true);
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() {
        if (line.length() > 0) {
            emit();
        }
        target.flush();
    }

    private void emit() {
        synchronized (target) {
            target.println(prefix + line);
            target.flush();
        }
        line.setLength(0);
    }
}
