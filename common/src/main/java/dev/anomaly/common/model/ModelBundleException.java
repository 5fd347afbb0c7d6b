package dev.anomaly.common.model;

import dev.anomaly.common.cli.ExitException;

/** A model bundle that cannot be read or written; the message names the file and the reason. */
public final class ModelBundleException extends ExitException {
    private static final long serialVersionUID = 1L;

    public ModelBundleException(String message) {
        super(dev.anomaly.common.cli.ExitCode.FAILURE, message);
    }

    public ModelBundleException(String message, Throwable cause) {
        super(dev.anomaly.common.cli.ExitCode.FAILURE, message, cause);
    }
}
