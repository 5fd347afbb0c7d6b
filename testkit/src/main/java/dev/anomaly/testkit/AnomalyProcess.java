package dev.anomaly.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/anomaly} as a child process, the way operators run it: tests start it, wait for lines it
 * prints, stop it with SIGTERM or kill it with SIGKILL, and read its exit code and output.
 *
 * <p>The launcher is found through the {@code anomaly.home} system property (set by the build) and
 * runs the packaged jar.
 */
public final class AnomalyProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final Thread outReader;
    private final Thread errReader;

    private AnomalyProcess(Process process) {
        this.process = process;
        this.outReader = drain(process.getInputStream(), out, "stdout");
        this.errReader = drain(process.getErrorStream(), err, "stderr");
    }

    /** The project directory holding {@code bin/anomaly}. */
    public static Path home() {
        String home = System.getProperty("anomaly.home");
        if (home == null) {
            throw new IllegalStateException("system property anomaly.home is not set (the build sets it)");
        }
        return Path.of(home);
    }

    /** Starts {@code bin/anomaly ARGS}. */
    public static AnomalyProcess start(String... args) {
        return start(Map.of(), args);
    }

    /** Starts {@code bin/anomaly ARGS} with extra environment variables. */
    public static AnomalyProcess start(Map<String, String> environment, String... args) {
        ProcessBuilder builder = launcher(args);
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("ANOMALY_HEAP_OPTS", "-Xmx512m");
        return start(builder);
    }

    /**
     * Starts {@code bin/anomaly ARGS} with the launcher's own default memory limits (not the tests' smaller
     * heap) and its stdout thrown away: for runs that print more than a test should hold.
     */
    public static AnomalyProcess startWithDefaultHeapDiscardingStdout(String... args) {
        ProcessBuilder builder = launcher(args).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // Empty: the launcher uses its default (-Xmx1g).
        builder.environment().put("ANOMALY_HEAP_OPTS", "");
        return start(builder);
    }

    /** {@code bin/anomaly ARGS}, running the jar this build made. */
    private static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin/anomaly").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // A source edited meanwhile must not trigger a rebuild mid-test.
        builder.environment().put("ANOMALY_NO_BUILD", "1");
        return builder;
    }

    private static AnomalyProcess start(ProcessBuilder builder) {
        try {
            return new AnomalyProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    /** Runs {@code bin/anomaly ARGS} to completion. */
    public static AnomalyProcess run(Duration timeout, String... args) {
        AnomalyProcess process = start(args);
        process.awaitExit(timeout);
        return process;
    }

    /**
     * Waits until a stdout line matches {@code regex}.
     *
     * @return the match, for its groups
     * @throws AssertionError when the line does not come within the timeout or the process exits first
     */
    public Matcher awaitOut(String regex, Duration timeout) {
        return await(out, "stdout", regex, timeout);
    }

    /** As {@link #awaitOut}, for a stderr line (where commands report progress and status). */
    public Matcher awaitErr(String regex, Duration timeout) {
        return await(err, "stderr", regex, timeout);
    }

    private Matcher await(List<String> stream, String name, String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (System.nanoTime() < deadline) {
            List<String> lines = copy(stream);
            for (; checked < lines.size(); checked++) {
                Matcher matcher = pattern.matcher(lines.get(checked));
                if (matcher.find()) {
                    return matcher;
                }
            }
            if (!process.isAlive() && checked >= copy(stream).size()) {
                joinReaders();
                if (checked >= copy(stream).size()) {
                    throw new AssertionError("process exited (" + process.exitValue() + ") before printing /"
                            + regex + "/ on " + name + "; stderr: " + errLines());
                }
            }
            sleep(50);
        }
        throw new AssertionError("no line matching /" + regex + "/ on " + name + " within " + timeout + "; stdout: "
                + outLines() + "; stderr: " + errLines());
    }

    /** Waits for the process to exit; returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("process did not exit within " + timeout + "; stderr: " + errLines());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        joinReaders();
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C or a service manager would stop it; what it prints on the way out is still read. */
    public void terminate() {
        // Through the handle: Process.destroy() also closes our ends of its pipes, losing its last lines.
        process.toHandle().destroy();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int exitCode() {
        return process.exitValue();
    }

    public List<String> outLines() {
        return copy(out);
    }

    private static List<String> copy(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public List<String> errLines() {
        return copy(err);
    }

    /** Waits for the process to exit, sampling its peak resident set size meanwhile; returns that peak in MB. */
    public long awaitExitMeasuringPeakRssMb(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long peakKb = 0;
        while (process.isAlive() && System.nanoTime() < deadline) {
            peakKb = Math.max(peakKb, peakRssKb().orElse(0L));
            sleep(100);
        }
        awaitExit(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        return peakKb / 1024;
    }

    /** The peak resident set size the kernel reports for the process (VmHWM), if it is still running. */
    public Optional<Long> peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        joinReaders();
    }

    private void joinReaders() {
        try {
            outReader.join(5000);
            errReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread drain(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + name + " closed: " + e.getMessage() + ">");
            }
        }, "anomaly-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
