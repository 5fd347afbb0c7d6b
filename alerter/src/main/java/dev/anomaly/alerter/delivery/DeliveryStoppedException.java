package dev.anomaly.alerter.delivery;

/** A stop was requested while a message was waiting to be retried; it stays undelivered (and uncommitted). */
public final class DeliveryStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeliveryStoppedException() {
        super("stopped before the message was delivered");
    }
}
