package dev.anomaly.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the bench starts its child JVMs: this JVM's {@code java}, the runnable jar, and the memory limits
 * this JVM was started with (bin/anomaly's {@code ANOMALY_HEAP_OPTS} or its default), so a child
 * detector uses the memory an operator's detector would.
 *
 * @param java the java executable
 * @param jar the runnable jar (anomaly.jar)
 * @param jvmOptions memory limits, then any other JVM options
 * @param environment variables added to the child's environment
 */
record JvmLauncher(Path java, Path jar, List<String> jvmOptions, Map<String, String> environment) {
    /** bin/anomaly's default ANOMALY_HEAP_OPTS, for a bench JVM started without memory limits (an IDE). */
    static final String LAUNCHER_HEAP_OPTS =
            "-Xms64m -Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1g -Dorg.bytedeco.javacpp.maxphysicalbytes=3g";
    private static final List<String> MEMORY_OPTIONS = List.of("-Xms", "-Xmx", "-Xss", "-XX:MaxDirectMemorySize=",
            "-XX:MaxRAM", "-Dorg.bytedeco.javacpp.");

    JvmLauncher {
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
    }

    /**
     * Children like this JVM: its memory options (from {@code ownArguments}, this JVM's input arguments;
     * bin/anomaly's defaults when it has none), then {@code ANOMALY_OPTS} as bin/anomaly adds them, and one
     * OpenMP thread unless {@code OMP_NUM_THREADS} says otherwise.
     */
    static JvmLauncher likeThisJvm(Path jar, List<String> ownArguments, Map<String, String> env) {
        List<String> options = new ArrayList<>(ownArguments.stream()
                .filter(argument -> MEMORY_OPTIONS.stream().anyMatch(argument::startsWith)).toList());
        if (options.stream().noneMatch(argument -> argument.startsWith("-Xmx"))) {
            options = new ArrayList<>(words(LAUNCHER_HEAP_OPTS));
        }
        options.addAll(words(env.getOrDefault("ANOMALY_OPTS", "")));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            java = Path.of("java");
        }
        return new JvmLauncher(java, jar, options, Map.of("OMP_NUM_THREADS", env.getOrDefault("OMP_NUM_THREADS",
                "1")));
    }

    /** The command line that runs {@code mainClass} from the jar with {@code args}. */
    List<String> command(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(jar.toString());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    private static List<String> words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}
