package dev.anomaly.alerter.delivery;

/**
 * Slack refused a message for good (an error code such as {@code channel_not_found} or
 * {@code invalid_auth}): retrying cannot help, a person has to fix the configuration.
 */
public final class SlackRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;

    public SlackRejectedException(String target, String error, String description) {
        super(target + " rejected the message: " + description);
        this.error = error;
    }

    /** Slack's error code. */
    public String error() {
        return error;
    }
}
