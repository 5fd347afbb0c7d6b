package dev.anomaly.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child JVM of the bench (a detector or the pass-through). Its output is drained (the last lines kept
 * for error messages) and its peak resident set size, VmHWM in {@code /proc/PID/status}, is sampled until
 * it exits: the kernel keeps the high-water mark only while the process lives.
 */
final class ChildJvm implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
    private static final int KEPT_LINES = 30;
    private static final int LINES_IN_ERRORS = 8;
    private static final long SAMPLE_MILLIS = 50;

    private final String name;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread outReader;
    private final Thread errReader;
    private final Thread sampler;
    private volatile long peakRssKb = -1;

    private ChildJvm(String name, Process process, Consumer<String> echo) {
        this.name = name;
        this.process = process;
        this.outReader = drain(process.getInputStream(), echo, "stdout");
        this.errReader = drain(process.getErrorStream(), echo, "stderr");
        this.sampler = new Thread(this::sampleUntilExit, "bench-" + name + "-rss");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param echo receives every output line (for --verbose); lines are kept for errors regardless
     */
    static ChildJvm start(String name, JvmLauncher launcher, String mainClass, List<String> args,
                          Consumer<String> echo) {
        List<String> command = launcher.command(mainClass, args);
        log.debug("Starting {}: {}", name, command);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(launcher.environment());
        try {
            return new ChildJvm(name, builder.start(), echo);
        } catch (IOException e) {
            throw new BenchException("cannot start the " + name + " JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the JVM to exit.
     *
     * @return its exit code
     * @throws BenchException when it has not exited within the timeout (it is then killed)
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new BenchException("the " + name + " JVM did not exit within " + timeout.toSeconds() + " s"
                    + lastLines());
        }
        sampler.join(1000);
        outReader.join(2000);
        errReader.join(2000);
        return process.exitValue();
    }

    /** The highest VmHWM seen, in KiB, or -1 if none could be read. */
    long peakRssKb() {
        return peakRssKb;
    }

    /** "; last output: ..." with the last lines the child printed, for error messages. */
    String lastLines() {
        synchronized (tail) {
            List<String> lines = List.copyOf(tail);
            return lines.isEmpty() ? "" : "; its last output: "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - LINES_IN_ERRORS), lines.size()));
        }
    }

    /** SIGTERM (the child's shutdown hook stops it cleanly), SIGKILL if it is still alive after 10 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void sampleUntilExit() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            readPeak(status);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readPeak(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    if (kb > peakRssKb) {
                        peakRssKb = kb;
                    }
                    return;
                }
            }
        } catch (NoSuchFileException e) {
            // Exited between the liveness check and the read.
        } catch (IOException | NumberFormatException e) {
            log.debug("Cannot read {}: {}", status, e.toString());
        }
    }

    private Thread drain(InputStream stream, Consumer<String> echo, String which) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    keep(line);
                    echo.accept(line);
                }
            } catch (IOException e) {
                keep("<" + which + " unreadable: " + e.getMessage() + ">");
            }
        }, "bench-" + name + "-" + which);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private void keep(String line) {
        synchronized (tail) {
            if (tail.size() == KEPT_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }
}
