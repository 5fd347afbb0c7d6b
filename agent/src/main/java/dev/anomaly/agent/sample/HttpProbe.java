package dev.anomaly.agent.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The time one HTTP GET of a URL takes, as {@code response_time_ms}. A probe that fails (no answer within
 * the timeout, a refused connection, an HTTP 5xx) reads as the timeout itself, so a dead service looks as
 * slow as it can, and is counted.
 */
public final class HttpProbe {
    private final HttpClient client;
    private final URI url;
    private final Duration timeout;
    private long failures;
    private String lastFailure;

    public HttpProbe(URI url, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.url = url;
        this.timeout = timeout;
    }

    /** Milliseconds from sending the request to the end of the body. */
    public double probe() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() >= 500) {
                return failed("HTTP " + response.statusCode());
            }
            return Math.min(millis, timeout.toMillis());
        } catch (IOException e) {
            return failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    private double failed(String reason) {
        failures++;
        lastFailure = reason;
        return timeout.toMillis();
    }

    /** Probes that failed so far. */
    public long failures() {
        return failures;
    }

    /** Why the last failed probe failed, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    public URI url() {
        return url;
    }
}
