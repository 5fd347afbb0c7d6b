package dev.anomaly.alerter.slack;

import dev.anomaly.alerting.slack.SlackMessage;

/** One way to deliver messages: a webhook, the Web API, or stdout for a dry run. */
public interface SlackTransport {
    /** Makes one attempt to post the message; never throws for HTTP or network failures. */
    AttemptResult attempt(SlackMessage message);

    /** Where messages go, for messages to the user (never the secret). */
    String describe();

    /** Whether attempts count against Slack's one-message-per-second limit (not for a dry run). */
    boolean isRateLimited();
}
