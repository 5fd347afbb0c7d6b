package dev.anomaly.common.kafka;

import java.util.List;

/** The topic names the tools agree on. Every tool lets the user choose another name. */
public final class Topics {
    /** Raw metric events, key = host. */
    public static final String SYSTEM_METRICS = "system-metrics";
    /** Events the detector found anomalous, with error, confidence, severity and contributions. */
    public static final String ANOMALIES = "anomalies";
    /** Records the detector could not score, byte-for-byte, with the reason in headers. */
    public static final String DEAD_LETTERS = "system-metrics.dlq";

    /** Topics the embedded broker creates at start. */
    public static final List<String> CREATED_BY_BROKER = List.of(SYSTEM_METRICS, ANOMALIES, DEAD_LETTERS);

    private Topics() {
    }
}
