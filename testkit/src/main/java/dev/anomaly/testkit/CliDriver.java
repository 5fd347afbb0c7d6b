package dev.anomaly.testkit;

import dev.anomaly.commandline.CommandLineSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs a command in-process with the same configuration as the launcher and captures what it prints
 * (the approach of Quarkus' CliDriver): tests assert on exit code, stdout and stderr.
 */
public final class CliDriver {
    private CliDriver() {
    }

    /** Runs {@code command} with {@code args}. */
    public static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = configured(command, out, err).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static CommandLine configured(Object command, StringWriter out, StringWriter err) {
        CommandLine commandLine = CommandLineSupport.configure(new CommandLine(command));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    /**
     * Starts {@code command} with {@code args} on a thread of its own, so a test can watch what it prints
     * while it runs.
     */
    public static Running start(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = configured(command, out, err);
        java.util.concurrent.CompletableFuture<Integer> exit =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> commandLine.execute(args));
        return new Running(exit, out, err);
    }

    /** A command running in-process. */
    public static final class Running {
        private final java.util.concurrent.CompletableFuture<Integer> exit;
        private final StringWriter out;
        private final StringWriter err;

        private Running(java.util.concurrent.CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        /** Waits until a line of stderr contains {@code text}; fails the test if none does in time. */
        public void awaitErr(String text, java.time.Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (err.getBuffer()) {
                    if (err.getBuffer().indexOf(text) >= 0) {
                        return;
                    }
                }
                if (exit.isDone() && err.toString().indexOf(text) < 0) {
                    throw new AssertionError("exited before printing '" + text + "'; stderr: " + err);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("no '" + text + "' on stderr within " + timeout + "; stderr: " + err);
        }

        /** Waits for the command to finish. */
        public Result await(java.time.Duration timeout) {
            try {
                int code = exit.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return new Result(code, out.toString(), err.toString());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("still running after " + timeout + "; stderr: " + err, e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * What a command did.
     *
     * @param exitCode its exit code
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     */
    public record Result(int exitCode, String out, String err) {
        /** The stdout lines. */
        public java.util.List<String> outLines() {
            return out.lines().toList();
        }

        /** The stderr lines. */
        public java.util.List<String> errLines() {
            return err.lines().toList();
        }
    }
}
