package dev.anomaly.common.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temporary directories the tools make (a demo's broker data, bench's work, Kafka Streams' state). */
public final class DirectoryTrees {
    private DirectoryTrees() {
    }

    /**
     * Deletes a directory and everything below it; a missing directory is already deleted.
     *
     * @throws IOException when something below it cannot be deleted
     */
    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
