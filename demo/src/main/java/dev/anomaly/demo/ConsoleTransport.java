package dev.anomaly.demo;

import dev.anomaly.alerter.slack.AttemptResult;
import dev.anomaly.alerter.slack.SlackTransport;
import dev.anomaly.alerting.slack.SlackMessage;
import java.util.Optional;

/**
 * The demo's stand-in for Slack when no credential is set: accepts every message at once. The alert run
 * prints each accepted message's plain-text line ("Sent: …"), which is what a demo wants to show, rather
 * than the full Block Kit payload a dry run prints.
 */
final class ConsoleTransport implements SlackTransport {
    @Override
    public AttemptResult attempt(SlackMessage message) {
        return new AttemptResult.Accepted(Optional.empty());
    }

    @Override
    public String describe() {
        return "the console (set SLACK_WEBHOOK_URL to post to Slack)";
    }

    @Override
    public boolean isRateLimited() {
        return false;
    }
}
