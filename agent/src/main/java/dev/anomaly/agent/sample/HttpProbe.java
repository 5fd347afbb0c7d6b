package dev.anomaly.agent.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * Milliseconds from sending the request to the end of the body; the whole exchange, body included, is
     * bounded by the timeout (the request's own timeout covers only the wait for the headers).
     */
    public double probe() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() >= 500) {
                return failed("HTTP " + response.statusCode());
            }
            return Math.min(millis, timeout.toMillis());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failed("no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return failed(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
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
