package dev.anomaly.model;

import dev.anomaly.common.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * A model bundle directory: {@code model.json} (the current model), {@code model.previous.json} (the one
 * before, kept as a fallback) and the artifact files they name ({@code network-VERSION.zip} for an
 * autoencoder, {@code forest-VERSION.json} for an isolation forest, …).
 *
 * <p>Saving is atomic for readers: the artifact is written under a new name first, then model.json is
 * replaced by a rename, so a reader sees the old model or the new one, never half of one. Artifact files
 * are removed only when neither model.json nor model.previous.json names them any more. Concurrent
 * trainers are serialised by a lock file.
 */
public final class ModelStore {
    public static final String MODEL_JSON = "model.json";
    public static final String PREVIOUS_JSON = "model.previous.json";
    private static final String LOCK_FILE = ".lock";

    private final Path directory;

    public ModelStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The current model.json. */
    public Path modelJson() {
        return directory.resolve(MODEL_JSON);
    }

    /**
     * Stores a trained model with its metadata as the new current model.
     *
     * @return the metadata as written, naming the artifact file and its checksum
     */
    public ModelMetadata save(ModelMetadata metadata, TrainedModel model) {
        try {
            Files.createDirectories(directory);
            try (FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                String artifactName = model.family().artifactFile(metadata.version());
                Path artifactTemp = directory.resolve("." + artifactName + ".tmp");
                model.write(artifactTemp);
                fsync(artifactTemp);
                String sha256 = sha256(artifactTemp);
                AtomicFile.replace(artifactTemp, directory.resolve(artifactName));

                ModelMetadata written = metadata.withArtifact(artifactName, sha256);
                Path jsonTemp = directory.resolve("." + MODEL_JSON + ".tmp");
                Files.write(jsonTemp, ModelMetadataJson.write(written));
                fsync(jsonTemp);
                Path current = modelJson();
                if (Files.exists(current)) {
                    Path previousTemp = directory.resolve("." + PREVIOUS_JSON + ".tmp");
                    Files.copy(current, previousTemp, StandardCopyOption.REPLACE_EXISTING);
                    AtomicFile.replace(previousTemp, directory.resolve(PREVIOUS_JSON));
                }
                AtomicFile.replace(jsonTemp, current);
                fsyncDirectory();
                removeUnreferencedArtifacts();
                return written;
            }
        } catch (IOException e) {
            throw new ModelBundleException("cannot write model bundle " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads and validates the current model.
     *
     * @throws ModelBundleException naming the file and what is wrong with it
     */
    public LoadedModel load() {
        return load(modelJson());
    }

    /** Loads and validates the previous model (the fallback). */
    public LoadedModel loadPrevious() {
        return load(directory.resolve(PREVIOUS_JSON));
    }

    /**
     * The version model.json names now, without loading the network: a cheap check for a new bundle.
     * Empty when there is no readable model.json.
     */
    public Optional<String> currentVersion() {
        try {
            return Optional.of(ModelMetadataJson.read(Files.readAllBytes(modelJson()), modelJson().toString())
                    .version());
        } catch (IOException | ModelBundleException e) {
            return Optional.empty();
        }
    }

    private LoadedModel load(Path json) {
        byte[] bytes = readJson(json);
        for (int attempt = 1; ; attempt++) {
            try {
                return load(json, bytes);
            } catch (ModelBundleException e) {
                // Two trainings while we read can remove the artifact this model.json named: if model.json has
                // moved on meanwhile, load the new one rather than report a bundle that no longer exists.
                byte[] now = readJson(json);
                if (attempt >= 3 || java.util.Arrays.equals(now, bytes)) {
                    throw e;
                }
                bytes = now;
            }
        }
    }

    private byte[] readJson(Path json) {
        try {
            return Files.readAllBytes(json);
        } catch (NoSuchFileException e) {
            throw new ModelBundleException(json + ": no such file (train a model first: anomaly train --model-dir "
                    + directory + ")");
        } catch (IOException e) {
            throw new ModelBundleException(json + ": cannot read it: " + e.getMessage(), e);
        }
    }

    private LoadedModel load(Path json, byte[] bytes) {
        ModelMetadata metadata = ModelMetadataJson.read(bytes, json.toString());
        Path artifact = directory.resolve(metadata.artifactFile()).normalize();
        if (!artifact.getParent().equals(directory.normalize())) {
            throw new ModelBundleException(json + ": artifact '" + metadata.artifactFile() + "' is outside the bundle");
        }
        if (!Files.isRegularFile(artifact)) {
            throw new ModelBundleException(artifact + ": no such file (named by " + json + ")");
        }
        try {
            if (!sha256(artifact).equals(metadata.artifactSha256())) {
                throw new ModelBundleException(artifact + ": checksum does not match " + json
                        + " (the file is corrupt or was replaced)");
            }
        } catch (IOException e) {
            throw new ModelBundleException(artifact + ": cannot read it: " + e.getMessage(), e);
        }
        TrainedModel model = TrainedModels.read(metadata.family(), artifact);
        model.validate(metadata.layout(), artifact);
        return new LoadedModel(metadata, model, directory);
    }

    private void removeUnreferencedArtifacts() throws IOException {
        Set<String> referenced = new HashSet<>();
        for (String name : new String[] {MODEL_JSON, PREVIOUS_JSON}) {
            Path json = directory.resolve(name);
            if (Files.exists(json)) {
                try {
                    referenced.add(ModelMetadataJson.read(Files.readAllBytes(json), json.toString()).artifactFile());
                } catch (ModelBundleException e) {
                    // We cannot tell what an unreadable file references: delete nothing rather than guess.
                    return;
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean artifact = java.util.Arrays.stream(ModelFamily.values())
                        .anyMatch(family -> family.isArtifactFile(name));
                String onlineOf = java.util.Arrays.stream(ModelFamily.values())
                        .map(family -> family.artifactOfOnlineState(name)).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(null);
                if ((artifact && !referenced.contains(name)) || (onlineOf != null && !referenced.contains(onlineOf))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private void fsyncDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every platform can sync a directory; the renames are atomic regardless.
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
