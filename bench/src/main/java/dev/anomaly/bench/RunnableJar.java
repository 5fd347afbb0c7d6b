package dev.anomaly.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Finds anomaly.jar, which the bench's child JVMs run from. */
final class RunnableJar {
    private static final String MAIN_CLASS = "dev.anomaly.cli.Main";

    private RunnableJar() {
    }

    /**
     * The runnable jar this class was loaded from (bin/anomaly), else {@code cli/target/anomaly.jar} under
     * the {@code anomaly.home} system property (tests that run the bench in-process after
     * {@code mvn package}: their classes come from target/classes or the module's plain jar).
     */
    static Path find() {
        return loadedFrom().filter(RunnableJar::isRunnable)
                .or(() -> Optional.ofNullable(System.getProperty("anomaly.home"))
                        .map(home -> Path.of(home, "cli", "target", "anomaly.jar"))
                        .filter(RunnableJar::isRunnable))
                .orElseThrow(() -> new BenchException("cannot find anomaly.jar to run the detectors from: run the "
                        + "bench with bin/anomaly (or, in-process, set -Danomaly.home to the project directory "
                        + "after mvn package)"));
    }

    private static Optional<Path> loadedFrom() {
        CodeSource source = RunnableJar.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A jar whose manifest starts the anomaly launcher: the shaded one, with every dependency inside. */
    private static boolean isRunnable(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && MAIN_CLASS.equals(manifest.getMainAttributes().getValue("Main-Class"));
        } catch (IOException e) {
            return false;
        }
    }
}
