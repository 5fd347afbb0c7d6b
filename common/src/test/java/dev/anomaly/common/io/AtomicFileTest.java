package dev.anomaly.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFileAndItsMissingDirectories() throws IOException {
        Path file = dir.resolve("reports/today/report.json");

        AtomicFile.writeString(file, "{\"ok\": true}\n");

        assertThat(file).hasContent("{\"ok\": true}");
        assertThat(entries(file.getParent())).containsExactly("report.json");
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path file = dir.resolve("report.json");
        AtomicFile.writeString(file, "old");

        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(file).hasContent("old");
        assertThat(entries(dir)).containsExactly("report.json");
    }

    @Test
    void replacesAnExistingFileWhole() throws IOException {
        Path file = dir.resolve("report.json");
        AtomicFile.writeString(file, "a longer old content");

        AtomicFile.writeString(file, "new");

        assertThat(file).hasContent("new");
    }

    private static java.util.List<String> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
