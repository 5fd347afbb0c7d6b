package dev.anomaly.alerter.delivery;

import dev.anomaly.alerter.slack.AttemptResult;
import dev.anomaly.alerter.slack.SlackTransport;
import dev.anomaly.alerting.slack.SlackMessage;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.time.Durations;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Gets a message to Slack or dies trying: paced to one attempt per second, waiting out 429s as Slack
 * asks, backing off exponentially on 5xx, timeouts and connection errors, and retrying without limit
 * until a stop is requested. Only a rejection (a non-429 4xx, or a Web API error code) ends it.
 */
public final class Deliverer {
    private final SlackTransport transport;
    private final RetryPolicy policy;
    private final Pacer pacer;
    private final Console console;
    private final boolean verbose;
    private long retries;

    /**
     * @param nanoTime the clock of the pacer (tests pass one that the waiter advances)
     */
    public Deliverer(SlackTransport transport, RetryPolicy policy, LongSupplier nanoTime, Console console,
                     boolean verbose) {
        this.transport = transport;
        this.policy = policy;
        this.pacer = new Pacer(transport.isRateLimited() ? policy.minInterval() : Duration.ZERO, nanoTime);
        this.console = console;
        this.verbose = verbose;
    }

    /**
     * Delivers one message.
     *
     * @return the attempts it took, the accepted one included
     * @throws SlackRejectedException when Slack refuses it for good
     * @throws DeliveryStoppedException when a stop is requested before it got through
     */
    public int deliver(SlackMessage message, Waiter waiter) {
        Duration backoff = policy.initialBackoff();
        int attempts = 0;
        while (true) {
            if (waiter.await(pacer.untilNextAttempt())) {
                throw new DeliveryStoppedException();
            }
            attempts++;
            AttemptResult result;
            try {
                result = transport.attempt(message);
            } finally {
                pacer.attemptEnded();
            }
            if (verbose) {
                console.info("Slack attempt " + attempts + ": " + result.describe());
            }
            Duration wait;
            if (result instanceof AttemptResult.Accepted) {
                return attempts;
            } else if (result instanceof AttemptResult.Rejected rejected) {
                throw new SlackRejectedException(transport.describe(), rejected.error(), rejected.describe());
            } else if (result instanceof AttemptResult.RateLimited limited && limited.retryAfter().isPresent()) {
                wait = limited.retryAfter().get();
            } else {
                wait = backoff;
                backoff = policy.next(backoff);
            }
            retries++;
            console.info("Slack: " + result.describe() + " on attempt " + attempts + "; retrying in "
                    + Durations.format(wait));
            if (waiter.await(wait)) {
                throw new DeliveryStoppedException();
            }
        }
    }

    /** Attempts beyond the first of each message, over all messages so far. */
    public long retries() {
        return retries;
    }
}
