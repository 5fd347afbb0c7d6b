package dev.anomaly.detector.loop;

/** The loop cannot go on: credentials refused, another instance took over, or a failure in fail-fast mode. */
public final class LoopStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoopStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
