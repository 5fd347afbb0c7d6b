package dev.anomaly.bench;

import dev.anomaly.commandline.ExitException;

/** A measurement that could not be taken; the bench stops with exit code 1 and this message. */
final class BenchException extends ExitException {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(dev.anomaly.commandline.ExitCode.FAILURE, message);
    }

    BenchException(String message, Throwable cause) {
        super(dev.anomaly.commandline.ExitCode.FAILURE, message, cause);
    }
}
