package dev.anomaly.alerter.delivery;

import java.time.Duration;

/**
 * How delivery waits between attempts. The alerter's waiter keeps the Kafka consumer polling (paused), so
 * that a long Slack outage does not cost it its place in the consumer group.
 */
@FunctionalInterface
public interface Waiter {
    /**
     * Waits for {@code duration} (nothing for zero or less).
     *
     * @return true when a stop was requested meanwhile: give up and leave the message undelivered
     */
    boolean await(Duration duration);
}
