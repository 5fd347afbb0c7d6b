package dev.anomaly.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bench --scaling} measures: how the cost grows with the work.
 *
 * @param events events of every detect run of the section (preloaded once per host count)
 * @param hosts distinct host counts of the events/s and peak-RSS series
 * @param windows window sizes (events per host per model input) of that series
 * @param processes detect process counts of the scale-out series, in one group
 * @param alerterHosts distinct host counts of the alerter series
 * @param plotDir where the PNG charts go, if anywhere
 */
record ScalingOptions(long events, List<Integer> hosts, List<Integer> windows, List<Integer> processes,
                      List<Integer> alerterHosts, Optional<Path> plotDir) {
    ScalingOptions {
        hosts = sortedDistinct(hosts, "--scaling-hosts", 1, 10_000_000);
        windows = sortedDistinct(windows, "--scaling-windows", 1, 100);
        processes = sortedDistinct(processes, "--scaling-processes", 1, 16);
        alerterHosts = sortedDistinct(alerterHosts, "--scaling-alerter-hosts", 1, 1_000_000);
        if (events < 1000 || events > 100_000_000) {
            throw new IllegalArgumentException("--scaling-events must be 1000..100000000");
        }
        plotDir = plotDir == null ? Optional.empty() : plotDir;
        if (hosts.get(hosts.size() - 1) > events) {
            throw new IllegalArgumentException("--scaling-hosts must not exceed --scaling-events (" + events
                    + "): fewer events than hosts leave hosts without an event");
        }
        // The fields are not set yet in a compact constructor: from the parameter.
        int anomalies = alerterAnomalies(events);
        if (alerterHosts.get(alerterHosts.size() - 1) > anomalies) {
            throw new IllegalArgumentException("--scaling-alerter-hosts must not exceed the alerter's " + anomalies
                    + " anomalies (--scaling-events, within 10000..1000000)");
        }
    }

    /** Anomalies of each alerter run: --scaling-events, within 10,000..1,000,000. */
    int alerterAnomalies() {
        return alerterAnomalies(events);
    }

    private static int alerterAnomalies(long events) {
        return (int) Math.min(1_000_000, Math.max(10_000, events));
    }

    private static List<Integer> sortedDistinct(List<Integer> values, String option, int min, int max) {
        List<Integer> sorted = values.stream().sorted().distinct().toList();
        if (sorted.isEmpty() || sorted.get(0) < min || sorted.get(sorted.size() - 1) > max) {
            throw new IllegalArgumentException(option + " takes values in " + min + ".." + max);
        }
        return sorted;
    }
}
