package dev.anomaly.detector.stream;

import dev.anomaly.common.event.RejectReason;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The detector's Prometheus metrics, served in the text format by the Prometheus Java client's HTTP server
 * on {@code --metrics-port} (path {@code /metrics}). Each detector has its own registry, so several can
 * run in one JVM (tests, the demo).
 */
final class DetectorMetrics implements AutoCloseable {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter events;
    private final Counter anomalies;
    private final Counter suppressed;
    private final Counter deadLetters;
    private final Histogram batchSize;
    private final Histogram scoringSeconds;
    private final Info model;
    private final HTTPServer server;

    DetectorMetrics(int port, DetectorStats stats) {
        events = Counter.builder().name("anomaly_detector_events").help("Events consumed").register(registry);
        anomalies = Counter.builder().name("anomaly_detector_anomalies").help("Anomalies found, by severity")
                .labelNames("severity").register(registry);
        suppressed = Counter.builder().name("anomaly_detector_suppressed")
                .help("Anomalies of the model that --direction or --min-deviation did not let stand")
                .register(registry);
        deadLetters = Counter.builder().name("anomaly_detector_dead_letters")
                .help("Records sent to the dead letter topic, by reason").labelNames("reason").register(registry);
        batchSize = Histogram.builder().name("anomaly_detector_batch_size").help("Records per scored batch")
                .classicOnly().classicUpperBounds(1, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10_000)
                .register(registry);
        scoringSeconds = Histogram.builder().name("anomaly_detector_scoring_seconds")
                .help("Time to score one batch with the model").classicOnly()
                .classicUpperBounds(0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5)
                .register(registry);
        GaugeWithCallback.builder().name("anomaly_detector_consumer_lag")
                .help("Records behind the end of the assigned partitions").callback(cb -> cb.call(stats.lag()))
                .register(registry);
        model = Info.builder().name("anomaly_detector_model").help("The model in use").labelNames("version")
                .register(registry);
        try {
            server = HTTPServer.builder().port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port, e);
        }
    }

    /** The port the endpoint listens on (the chosen one for port 0). */
    int port() {
        return server.getPort();
    }

    void modelVersion(String version) {
        model.setLabelValues(version);
    }

    void batch(int records, double seconds) {
        events.inc(records);
        batchSize.observe(records);
        scoringSeconds.observe(seconds);
    }

    void anomalies(String severity, long count) {
        if (count > 0) {
            anomalies.labelValues(severity).inc(count);
        }
    }

    void suppressed(long count) {
        if (count > 0) {
            suppressed.inc(count);
        }
    }

    void deadLetter(RejectReason reason) {
        deadLetters.labelValues(reason.code()).inc();
    }

    @Override
    public void close() {
        server.close();
    }
}
