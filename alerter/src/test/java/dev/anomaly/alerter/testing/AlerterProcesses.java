package dev.anomaly.alerter.testing;

import dev.anomaly.alerter.cli.AlertCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code anomaly alert} in JVMs of its own (to be killed or restarted), stdout and stderr to files named after
 * each run, posting to the given webhook; every process started is killed by {@link #close()}.
 */
public final class AlerterProcesses implements AutoCloseable {
    private final Path dir;
    private final String webhookUrl;
    private final List<Process> processes = new ArrayList<>();

    public AlerterProcesses(Path dir, String webhookUrl) {
        this.dir = dir;
        this.webhookUrl = webhookUrl;
    }

    public Process start(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), AlertMain.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().put(AlertCommand.WEBHOOK_ENV, webhookUrl);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** What the named run printed so far, stdout then stderr. */
    public String output(String name) {
        try {
            return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8)
                    + Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
