package dev.anomaly.detector.stream;

import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelBundleException;
import dev.anomaly.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Notices a new model.json between two batches and loads it. model.json is replaced atomically and names a
 * network file written before it, so what is read is a complete bundle; one that fails validation is
 * refused (logged once) and the current model stays.
 */
final class ModelReloader {
    private final ModelStore store;
    private final Consumer<String> refusals;
    private final long intervalNanos;
    private byte[] lastSeen;
    private long nextCheck;

    /** @param refusals told, once per refused model.json, why it was refused */
    ModelReloader(ModelStore store, Duration interval, Consumer<String> refusals) {
        this.store = store;
        this.refusals = refusals;
        this.intervalNanos = interval.toNanos();
        this.lastSeen = read();
        this.nextCheck = System.nanoTime() + intervalNanos;
    }

    /** A newly loaded model when model.json changed since the last check, else empty. */
    Optional<LoadedModel> poll(String currentVersion) {
        long now = System.nanoTime();
        if (now < nextCheck) {
            return Optional.empty();
        }
        nextCheck = now + intervalNanos;
        byte[] content = read();
        if (content == null || Arrays.equals(content, lastSeen)) {
            return Optional.empty();
        }
        lastSeen = content;
        try {
            LoadedModel model = store.load();
            if (model.version().equals(currentVersion)) {
                return Optional.empty();
            }
            return Optional.of(model);
        } catch (ModelBundleException e) {
            refusals.accept("Refused the new model bundle, keeping model " + currentVersion + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(store.modelJson());
        } catch (IOException e) {
            return null;
        }
    }
}
