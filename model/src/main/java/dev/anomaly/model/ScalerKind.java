package dev.anomaly.model;

import java.util.Locale;

/** How features are scaled before they reach the network. */
public enum ScalerKind {
    /** (x − mean) / standard deviation, as in the Keras tutorial. */
    STANDARD,
    /** (x − min) / (max − min), as in the DL4J tutorial. */
    MINMAX;

    /** The name used in model.json and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code standard} or {@code minmax}. */
    public static ScalerKind fromId(String id) {
        for (ScalerKind kind : values()) {
            if (kind.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown scaler '" + id + "'; use standard or minmax");
    }
}
