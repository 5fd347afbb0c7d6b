package dev.anomaly.model;

import dev.anomaly.common.failure.ExplainedException;

/** A model bundle that cannot be read or written; the message names the file and the reason. */
public final class ModelBundleException extends ExplainedException {
    private static final long serialVersionUID = 1L;

    public ModelBundleException(String message) {
        super(message);
    }

    public ModelBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
