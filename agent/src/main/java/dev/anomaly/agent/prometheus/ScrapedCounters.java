package dev.anomaly.agent.prometheus;

import dev.anomaly.agent.sample.CounterSource;
import dev.anomaly.agent.sample.HostCounters;
import dev.anomaly.agent.sample.SampleException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** A node_exporter's counters, scraped over HTTP as Prometheus does. */
public final class ScrapedCounters implements CounterSource {
    private final HttpClient client;
    private final URI url;
    private final Duration timeout;

    public ScrapedCounters(URI url, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public HostCounters read() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "text/plain;version=0.0.4").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SampleException("scraping " + url + " took longer than " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new SampleException("cannot scrape " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SampleException("interrupted while scraping " + url, e);
        }
        long at = System.nanoTime();
        if (response.statusCode() != 200) {
            throw new SampleException("scraping " + url + " answered HTTP " + response.statusCode());
        }
        try {
            return NodeExporterMapper.counters(PromTextParser.parse(response.body()), at);
        } catch (IllegalArgumentException e) {
            throw new SampleException(url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return url.toString();
    }
}
