package dev.anomaly.alerting.testing;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.AnomalyJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** Anomaly records as {@code anomaly detect} writes them (the input contract), for tests. */
public final class AnomalyRecords {
    private AnomalyRecords() {
    }

    /** The JSON of an anomaly of {@code host} at {@code at}: HIGH above confidence 2, MEDIUM above 1. */
    public static String json(String host, Instant at, double confidence) {
        String severity = confidence > 2.0 ? "HIGH" : "MEDIUM";
        double threshold = 0.45;
        return String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"host\":\"%s\",\"cpu_usage\":87.5,"
                        + "\"memory_usage\":44.25,\"response_time_ms\":131.0,\"disk_io_mb\":50.12,"
                        + "\"network_io_mb\":99.99,\"label\":\"cpu_spike\",\"episode\":\"%s-e0\",\"error\":%s,"
                        + "\"threshold\":%s,\"confidence\":%s,\"severity\":\"%s\",\"contributions\":["
                        + "{\"feature\":\"cpu_usage\",\"share\":0.91},{\"feature\":\"memory_usage\",\"share\":0.05},"
                        + "{\"feature\":\"response_time_ms\",\"share\":0.02},{\"feature\":\"disk_io_mb\",\"share\":0.01},"
                        + "{\"feature\":\"network_io_mb\",\"share\":0.01}],\"model_version\":\"20261122T101500Z-3f9a2c\","
                        + "\"detected_at\":\"2026-11-22T10:15:03.123Z\"}",
                at, host, host, confidence * threshold, threshold, confidence, severity);
    }

    /** The same anomaly as the alerter reads it. */
    public static Anomaly anomaly(String host, Instant at, double confidence) {
        return AnomalyJson.parse(json(host, at, confidence).getBytes(StandardCharsets.UTF_8));
    }
}
