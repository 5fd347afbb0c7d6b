package dev.anomaly.alerter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anomaly.alerting.slack.SlackMessage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Posts with the Web API's {@code chat.postMessage} and a bot token. Slack answers HTTP 200 with
 * {@code {"ok":true,"ts":...}} or {@code {"ok":false,"error":"..."}}; follow-ups of an episode go in the
 * thread of its first message.
 */
public final class WebApiTransport implements SlackTransport {
    /** Slack's Web API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://slack.com/api/");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Errors Slack documents as its own transient trouble: retrying is right. */
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");
    private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");

    private final URI endpoint;
    private final String channel;
    private final String authorization;
    private final SlackHttp http;
    private final Map<String, String> threads = new HashMap<>();

    /**
     * @param baseUrl the Web API's base URL (Slack's, or a Slack-compatible server's)
     */
    public WebApiTransport(Secret token, String channel, URI baseUrl, Duration timeout) {
        String base = baseUrl.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base + "chat.postMessage" : base + "/chat.postMessage");
        this.channel = channel;
        this.authorization = "Bearer " + token.reveal();
        this.http = new SlackHttp(timeout, Redactor.of(List.of(token)));
    }

    @Override
    public AttemptResult attempt(SlackMessage message) {
        ObjectNode payload = message.payload();
        payload.put("channel", channel);
        String thread = threads.get(message.threadKey());
        if (thread != null && message.role() != SlackMessage.Role.START) {
            payload.put("thread_ts", thread);
        }
        AttemptResult result;
        try {
            SlackHttp.Outcome outcome = http.post(endpoint, payload.toString(), Map.of("Authorization", authorization));
            result = outcome instanceof SlackHttp.Outcome.Answered answered
                    ? classify(answered) : ((SlackHttp.Outcome.Decided) outcome).result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult.Transient("interrupted");
        }
        if (result instanceof AttemptResult.Accepted accepted) {
            remember(message, accepted.ts());
        }
        return result;
    }

    @Override
    public String describe() {
        return "Slack channel " + channel;
    }

    @Override
    public boolean isRateLimited() {
        return true;
    }

    private void remember(SlackMessage message, Optional<String> ts) {
        switch (message.role()) {
            case START -> ts.ifPresent(id -> threads.put(message.threadKey(), id));
            case LAST_REPLY -> threads.remove(message.threadKey());
            case REPLY -> {
                // The thread stays keyed on its first message.
            }
        }
    }

    private AttemptResult classify(SlackHttp.Outcome.Answered answered) {
        JsonNode body;
        try {
            body = JSON.readTree(answered.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return new AttemptResult.Rejected(answered.status(), "unexpected answer (not Slack API JSON): "
                    + http.errorCode(answered.body()));
        }
        String error = body.path("error").asText("");
        if (answered.status() >= 200 && answered.status() < 300 && body.path("ok").asBoolean(false)) {
            JsonNode ts = body.get("ts");
            return new AttemptResult.Accepted(ts == null || ts.isNull() ? Optional.empty() : Optional.of(ts.asText()));
        }
        if (RATE_LIMIT_ERRORS.contains(error)) {
            return new AttemptResult.RateLimited(Optional.empty());
        }
        if (TRANSIENT_ERRORS.contains(error)) {
            return new AttemptResult.Transient("Slack error " + error);
        }
        String code = http.errorCode(error);
        return new AttemptResult.Rejected(answered.status(), code.isEmpty() ? "HTTP " + answered.status() : code);
    }
}
