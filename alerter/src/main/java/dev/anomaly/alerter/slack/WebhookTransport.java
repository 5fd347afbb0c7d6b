package dev.anomaly.alerter.slack;

import dev.anomaly.alerting.slack.SlackMessage;
import dev.anomaly.commandline.ExitException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts to a Slack incoming webhook. The webhook decides the channel; it answers {@code ok}, or an HTTP
 * error with the error code as the body ({@code invalid_payload}, {@code channel_not_found},
 * {@code no_service}, ...). A webhook has no message ids, so follow-ups cannot go in a thread.
 */
public final class WebhookTransport implements SlackTransport {
    private final URI uri;
    private final SlackHttp http;

    /**
     * @throws ExitException when the URL is not an absolute http(s) URL (the message names where it came
     *     from, never the URL)
     */
    public WebhookTransport(Secret webhookUrl, Duration timeout) {
        this.uri = parse(webhookUrl);
        this.http = new SlackHttp(timeout, Redactor.of(List.of(webhookUrl)));
    }

    @Override
    public AttemptResult attempt(SlackMessage message) {
        try {
            SlackHttp.Outcome outcome = http.post(uri, message.payload().toString(), Map.of());
            if (outcome instanceof SlackHttp.Outcome.Answered answered) {
                if (answered.status() >= 200 && answered.status() < 300) {
                    return new AttemptResult.Accepted(Optional.empty());
                }
                String code = http.errorCode(answered.body());
                return new AttemptResult.Rejected(answered.status(), code.isEmpty() ? "HTTP " + answered.status() : code);
            }
            return ((SlackHttp.Outcome.Decided) outcome).result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult.Transient("interrupted");
        }
    }

    @Override
    public String describe() {
        return "the Slack webhook";
    }

    @Override
    public boolean isRateLimited() {
        return true;
    }

    private static URI parse(Secret webhookUrl) {
        URI uri;
        try {
            uri = URI.create(webhookUrl.reveal());
        } catch (IllegalArgumentException e) {
            // The exception message quotes the URL: say where it came from instead.
            throw ExitException.failure("the Slack webhook URL from " + webhookUrl.origin() + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw ExitException.failure("the Slack webhook URL from " + webhookUrl.origin()
                    + " is not an http(s) URL");
        }
        return uri;
    }
}
