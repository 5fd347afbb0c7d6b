package dev.anomaly.alerter.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Posts JSON to Slack with the JDK's HTTP client and sorts out what both APIs answer alike: 429 (wait
 * for Retry-After), 5xx, timeouts and connection errors (retry). Everything else is the caller's.
 */
final class SlackHttp {
    private static final int MAX_ERROR_CHARS = 100;

    private final HttpClient client;
    private final Duration timeout;
    private final Redactor redactor;

    SlackHttp(Duration timeout, Redactor redactor) {
        this.timeout = timeout;
        this.redactor = redactor;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The outcome of one POST: a response to classify further, or a result already decided. */
    sealed interface Outcome {
        /** An HTTP response that is neither 429 nor 5xx. */
        record Answered(int status, String body) implements Outcome {
        }

        /** A 429, a 5xx or an I/O failure. */
        record Decided(AttemptResult result) implements Outcome {
        }
    }

    /**
     * Posts {@code json} to {@code uri}.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for the answer
     */
    Outcome post(URI uri, String json, Map<String, String> headers) throws InterruptedException {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // Its message may quote the URI or a header value: neither may be shown.
            return new Outcome.Decided(new AttemptResult.Rejected(0,
                    "the request cannot be built: the URL or the token holds characters HTTP does not allow"));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new Outcome.Decided(new AttemptResult.Transient("no answer within " + timeout.toMillis() + " ms ("
                    + e.getClass().getSimpleName() + ")"));
        } catch (IOException e) {
            return new Outcome.Decided(new AttemptResult.Transient(describe(e)));
        }
        int status = response.statusCode();
        if (status == 429) {
            return new Outcome.Decided(new AttemptResult.RateLimited(
                    response.headers().firstValue("Retry-After").flatMap(SlackHttp::retryAfter)));
        }
        if (status >= 500) {
            return new Outcome.Decided(new AttemptResult.Transient("HTTP " + status + errorSuffix(response.body())));
        }
        return new Outcome.Answered(status, response.body());
    }

    /** A response body as a short, single-line, redacted error code. */
    String errorCode(String body) {
        String text = body == null ? "" : body.strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline).strip();
        }
        if (text.length() > MAX_ERROR_CHARS) {
            text = text.substring(0, MAX_ERROR_CHARS) + "...";
        }
        return redactor.redact(text);
    }

    private String errorSuffix(String body) {
        String code = errorCode(body);
        return code.isEmpty() ? "" : ": " + code;
    }

    private String describe(IOException e) {
        String message = redactor.redact(e.getMessage());
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    /** Retry-After in seconds (what Slack sends) or as an HTTP date. */
    static Optional<Duration> retryAfter(String value) {
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
