package dev.anomaly.ingest.format;

import java.util.List;
import java.util.Objects;

/**
 * What one record said about one host at one time.
 *
 * @param host the host the values are about
 * @param timestampMillis when they were measured, in epoch milliseconds
 * @param readings the values; never empty
 */
public record HostReadings(String host, long timestampMillis, List<Reading> readings) {
    public HostReadings {
        Objects.requireNonNull(host, "host");
        readings = List.copyOf(readings);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a host name must not be empty");
        }
    }
}
