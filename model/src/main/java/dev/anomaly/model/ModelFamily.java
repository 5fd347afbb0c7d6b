package dev.anomaly.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of model a bundle can hold; the id is model.json's {@code model} field. */
public enum ModelFamily {
    /** A dense autoencoder (Deeplearning4j): the error is how badly it reconstructs the event. */
    AUTOENCODER("autoencoder", "network", "zip", "mean squared error over the scaled features"),
    /** An isolation forest: the error is how quickly random splits isolate the event. */
    ISOLATION_FOREST("isolation-forest", "forest", "json",
            "c(sample size) / mean isolation path length: about 1 for typical events"),
    /** AWS's thresholded random cut forest: learns online from every event it scores. */
    RANDOM_CUT_FOREST("random-cut-forest", "rcf", "json",
            "random cut forest anomaly score (collusive displacement), learnt online");

    private static final String ONLINE = ".online-";

    private final String id;
    private final String filePrefix;
    private final String fileExtension;
    private final String errorDescription;

    ModelFamily(String id, String filePrefix, String fileExtension, String errorDescription) {
        this.id = id;
        this.filePrefix = filePrefix;
        this.fileExtension = fileExtension;
        this.errorDescription = errorDescription;
    }

    /** What the "error" of this family's scores is, for model.json readers. */
    public String errorDescription() {
        return errorDescription;
    }

    /** The name in model.json and on the command line. */
    public String id() {
        return id;
    }

    /** The artifact file of a bundle version: e.g. {@code network-VERSION.zip}. */
    public String artifactFile(String version) {
        return filePrefix + "-" + version + "." + fileExtension;
    }

    /**
     * The artifact an online state file belongs to, or null when {@code fileName} is not one of this family's.
     * Releases before the state topic kept a random cut forest's learning in {@code rcf-VERSION.online-ID.json}
     * beside its artifact: such files go when their artifact does.
     */
    String artifactOfOnlineState(String fileName) {
        int online = fileName.indexOf(ONLINE);
        if (online < 0 || !fileName.startsWith(filePrefix + "-") || !fileName.endsWith("." + fileExtension)) {
            return null;
        }
        return fileName.substring(0, online) + "." + fileExtension;
    }

    /** Whether {@code fileName} is an artifact file of this family (for cleaning up old versions). */
    boolean isArtifactFile(String fileName) {
        // Exactly PREFIX-VERSION.EXT: other files that share the prefix (online state) are not artifacts.
        return fileName.startsWith(filePrefix + "-") && fileName.endsWith("." + fileExtension)
                && fileName.indexOf('.') == fileName.length() - fileExtension.length() - 1;
    }

    public static ModelFamily fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (ModelFamily family : values()) {
            if (family.id.equals(wanted)) {
                return family;
            }
        }
        throw new IllegalArgumentException("unknown model '" + id + "'; use " + ids());
    }

    /** All ids, for help and messages. */
    public static String ids() {
        return Arrays.stream(values()).map(ModelFamily::id).collect(Collectors.joining(", "));
    }
}
