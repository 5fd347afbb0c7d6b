package dev.anomaly.ingest.format;

/** A record that is not in the agent's format; it goes to the dead-letter topic with {@link #reason()}. */
public final class UnreadableRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Unreadable reason;

    public UnreadableRecordException(Unreadable reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public UnreadableRecordException(Unreadable reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Unreadable reason() {
        return reason;
    }
}
