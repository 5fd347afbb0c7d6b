package dev.anomaly.common.failure;

/**
 * A failure whose message explains it to the operator in one line (what failed, and where): a missing file,
 * a broker that does not answer, a model bundle that cannot be read. Library code throws it without knowing
 * how it is shown; the command layer prints the message (the stack trace only when asked) and ends with
 * exit code 1.
 */
public class ExplainedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExplainedException(String message) {
        super(message);
    }

    public ExplainedException(String message, Throwable cause) {
        super(message, cause);
    }
}
