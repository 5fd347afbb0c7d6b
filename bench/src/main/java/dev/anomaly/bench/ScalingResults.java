package dev.anomaly.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What {@code bench --scaling} measured.
 *
 * @param hosts detect exactly-once by distinct hosts and window
 * @param processes detect exactly-once by processes in one group
 * @param alerter the alerter by distinct hosts
 */
record ScalingResults(List<HostPoint> hosts, List<ProcessPoint> processes, List<AlerterThroughput.Result> alerter) {
    ScalingResults {
        hosts = List.copyOf(hosts);
        processes = List.copyOf(processes);
        alerter = List.copyOf(alerter);
    }

    /** One detect process over events of {@code hosts} distinct hosts, with a model over windows of {@code window}. */
    record HostPoint(int hosts, int window, ThroughputResult result) {
    }

    /** {@code processes} detect processes in one group over the same events. */
    record ProcessPoint(int processes, int hosts, ThroughputResult result) {
    }

    /** Hosts between the fewest and the most below which the RSS growth is the JVM's noise, not the hosts'. */
    static final int MIN_HOST_SPAN = 100_000;

    /**
     * The detector's memory per host: the peak-RSS growth from the fewest hosts to the most, divided by the
     * hosts added, at {@code window}; absent when the hosts span fewer than {@value #MIN_HOST_SPAN} or the
     * RSS did not grow (the JVM sizes its heap as it likes, so small spans say nothing).
     */
    OptionalDouble bytesPerHost(int window) {
        List<HostPoint> series = hosts.stream().filter(p -> p.window() == window).toList();
        if (series.size() < 2) {
            return OptionalDouble.empty();
        }
        HostPoint fewest = series.get(0);
        HostPoint most = series.get(series.size() - 1);
        long grown = most.result().peakRssKb() - fewest.result().peakRssKb();
        if (most.hosts() - fewest.hosts() < MIN_HOST_SPAN || grown <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(grown * 1024.0 / (most.hosts() - fewest.hosts()));
    }
}
