package dev.anomaly.alerter.slack;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one attempt to post a message got from Slack. */
public sealed interface AttemptResult {
    /** A short description for log lines; never holds a secret. */
    String describe();

    /**
     * Slack took the message.
     *
     * @param ts the message's timestamp id (Web API), which follow-ups use to reply in its thread
     */
    record Accepted(Optional<String> ts) implements AttemptResult {
        public Accepted {
            Objects.requireNonNull(ts, "ts");
        }

        @Override
        public String describe() {
            return "accepted";
        }
    }

    /**
     * HTTP 429: try again after the time Slack asks for.
     *
     * @param retryAfter the Retry-After header, if readable
     */
    record RateLimited(Optional<Duration> retryAfter) implements AttemptResult {
        public RateLimited {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        @Override
        public String describe() {
            return "rate limited (HTTP 429" + retryAfter.map(after -> ", Retry-After " + after.toSeconds() + " s")
                    .orElse("") + ")";
        }
    }

    /**
     * A failure that may go away: HTTP 5xx, a timeout, a connection error, a transient Slack error.
     *
     * @param reason what happened, redacted
     */
    record Transient(String reason) implements AttemptResult {
        public Transient {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return reason;
        }
    }

    /**
     * Slack refused the message for a reason retrying cannot fix (bad payload, unknown channel, revoked
     * token).
     *
     * @param status the HTTP status
     * @param error Slack's error code, e.g. {@code channel_not_found}
     */
    record Rejected(int status, String error) implements AttemptResult {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String describe() {
            // The Web API reports its errors with HTTP 200: the status adds nothing then.
            return status > 0 && status != 200 ? error + " (HTTP " + status + ")" : error;
        }
    }
}
