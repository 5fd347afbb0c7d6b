package dev.anomaly.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anomaly.common.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The bench's results as JSON for tools that track them. The top-level keys {@code passthrough_eps},
 * {@code detect_eos_eps}, {@code detect_alo_eps}, {@code per_record_eps}, {@code latency_ms} ({@code p50},
 * {@code p99}, {@code p999}; at the middle rate), {@code latency_ms_by_rate} (the same by rate),
 * {@code scaling} ({@code hosts}, {@code processes}, {@code alerter}: lists of points), {@code peer}
 * ({@code event_bytes}, {@code partitions}, {@code processes}; {@code isolation_forest} and
 * {@code autoencoder}: points), {@code train_seconds} and
 * {@code detector_peak_rss_mb} are a stable interface;
 * a skipped measurement is {@code null}. Everything else is detail.
 */
final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    static ObjectNode of(BenchResults results) {
        BenchOptions options = results.options();
        BenchResults.Environment environment = results.environment();
        ObjectNode root = JSON.createObjectNode();
        root.put("run_at", environment.runAt().toString());
        root.put("anomaly_version", environment.anomalyVersion());
        root.put("java_version", environment.javaVersion());
        root.put("os", environment.os());
        root.put("cores", environment.cores());
        root.put("events", options.events());
        root.put("hosts", BenchOptions.HOSTS);
        root.put("partitions", options.partitions());
        options.detectOptions().forEach(root.putArray("detect_options")::add);

        put(root, "preload_eps", rounded(results.preloadEps(), 0));
        put(root, "passthrough_eps", eps(results, Measurement.PASSTHROUGH_EOS));
        put(root, "passthrough_alo_eps", eps(results, Measurement.PASSTHROUGH_ALO));
        put(root, "detect_eos_eps", eps(results, Measurement.DETECT_EOS));
        put(root, "detect_alo_eps", eps(results, Measurement.DETECT_ALO));
        ObjectNode perModel = root.putObject("detect_eos_eps_per_model");
        put(perModel, "autoencoder", eps(results, Measurement.DETECT_EOS));
        put(perModel, "isolation-forest", eps(results, Measurement.DETECT_ISOLATION_FOREST));
        put(perModel, "random-cut-forest", eps(results, Measurement.DETECT_RANDOM_CUT_FOREST));
        put(root, "per_record_eps", rounded(results.perRecord()
                .map(r -> OptionalDouble.of(r.eventsPerSecond())).orElse(OptionalDouble.empty()), 1));
        results.latency().ifPresentOrElse(r -> {
            ObjectNode latency = root.putObject("latency_ms");
            latency.put("p50", round(r.p50Ms(), 3));
            latency.put("p99", round(r.p99Ms(), 3));
            latency.put("p999", round(r.p999Ms(), 3));
            latency.put("max", round(r.maxMs(), 3));
        }, () -> root.putNull("latency_ms"));
        if (results.latencies().isEmpty()) {
            root.putNull("latency_ms_by_rate");
        } else {
            ObjectNode byRate = root.putObject("latency_ms_by_rate");
            results.latencies().forEach((rate, r) -> {
                ObjectNode latency = byRate.putObject(String.valueOf(rate));
                latency.put("p50", round(r.p50Ms(), 3));
                latency.put("p99", round(r.p99Ms(), 3));
                latency.put("p999", round(r.p999Ms(), 3));
                latency.put("max", round(r.maxMs(), 3));
                latency.put("achieved_rate", Math.round(r.achievedRate()));
                latency.put("output_created_p50_ms", round(r.outputCreatedP50Ms(), 3));
                latency.put("output_created_p99_ms", round(r.outputCreatedP99Ms(), 3));
                latency.put("missing", r.missing());
                latency.put("duplicates", r.duplicates());
            });
        }
        put(root, "alerter_eps", rounded(results.alerter()
                .map(r -> OptionalDouble.of(r.eventsPerSecond())).orElse(OptionalDouble.empty()), 0));
        results.alerter().ifPresent(r -> root.put("alerter_hosts", r.hosts()));
        put(root, "train_seconds", rounded(results.training()
                .map(r -> OptionalDouble.of(r.seconds())).orElse(OptionalDouble.empty()), 2));
        Optional<Map.Entry<Measurement, Long>> peak = results.detectorPeakRssKb();
        put(root, "detector_peak_rss_mb", rounded(peak.map(p -> OptionalDouble.of(p.getValue() / 1024.0))
                .orElse(OptionalDouble.empty()), 1));

        results.scaling().ifPresentOrElse(scaling -> scaling(root.putObject("scaling"), scaling),
                () -> root.putNull("scaling"));
        results.peer().ifPresentOrElse(peer -> peer(root.putObject("peer"), peer), () -> root.putNull("peer"));

        ObjectNode ratios = root.putObject("ratios");
        put(ratios, "detect_eos_to_passthrough",
                rounded(results.ratio(Measurement.DETECT_EOS, Measurement.PASSTHROUGH_EOS), 3));
        put(ratios, "detect_eos_to_per_record",
                rounded(results.ratio(Measurement.DETECT_EOS, Measurement.PER_RECORD), 1));
        put(ratios, "detect_alo_to_passthrough_alo",
                rounded(results.ratio(Measurement.DETECT_ALO, Measurement.PASSTHROUGH_ALO), 3));

        ObjectNode details = root.putObject("details");
        details.put("throughput_window", "input events / time from the first committed batch to the last; group "
                + "offsets polled every " + ThroughputRun.POLL_MILLIS + " ms");
        for (Measurement run : new Measurement[] {Measurement.PASSTHROUGH_EOS, Measurement.PASSTHROUGH_ALO,
            Measurement.DETECT_EOS, Measurement.DETECT_ALO, Measurement.DETECT_ISOLATION_FOREST,
            Measurement.DETECT_RANDOM_CUT_FOREST}) {
            results.throughput(run).ifPresent(r -> {
                ObjectNode node = details.putObject(run.id().replace('-', '_'));
                node.put("events", r.events());
                node.put("seconds", round(r.seconds(), 3));
                node.put("window", r.window());
                if (r.peakRssKb() > 0) {
                    node.put("peak_rss_mb", round(r.peakRssKb() / 1024.0, 1));
                }
            });
        }
        results.perRecord().ifPresent(r -> {
            ObjectNode node = details.putObject("per_record");
            node.put("events", r.events());
            node.put("warmup_events", r.warmup());
            node.put("seconds", round(r.seconds(), 3));
            node.put("anomalies", r.anomalies());
            node.put("extrapolated_seconds_for_all_events", round(options.events() / r.eventsPerSecond(), 1));
        });
        results.latency().ifPresent(r -> {
            ObjectNode node = details.putObject("latency");
            node.put("rate", options.headlineLatencyRate());
            options.latencyRates().forEach(node.putArray("rates")::add);
            node.put("achieved_rate", Math.round(r.achievedRate()));
            node.put("seconds", options.latencySeconds());
            node.put("warmup_seconds", options.latencyWarmupSeconds());
            node.put("measured", r.measured());
            node.put("missing", r.missing());
            node.put("duplicates", r.duplicates());
            node.put("output_created_p50_ms", round(r.outputCreatedP50Ms(), 3));
            node.put("output_created_p99_ms", round(r.outputCreatedP99Ms(), 3));
            if (r.peakRssKb() > 0) {
                node.put("peak_rss_mb", round(r.peakRssKb() / 1024.0, 1));
            }
        });
        results.training().ifPresent(r -> {
            ObjectNode node = details.putObject("train");
            node.put("samples", r.samples());
            node.put("train_rows", r.trainRows());
            node.put("epochs", r.epochsRun());
            node.put("batch_size", r.batchSize());
            node.put("row_epochs_per_second", Math.round(r.rowEpochsPerSecond()));
        });
        peak.ifPresent(p -> details.put("detector_peak_rss_run", p.getKey().id()));
        results.model().ifPresent(m -> {
            ObjectNode node = details.putObject("model");
            node.put("version", m.version());
            node.put("source", m.source());
        });
        ArrayNode skipped = root.putArray("skipped");
        options.skipped().forEach(m -> skipped.add(m.id()));
        return root;
    }

    private static void scaling(ObjectNode node, ScalingResults scaling) {
        ArrayNode hosts = node.putArray("hosts");
        for (ScalingResults.HostPoint point : scaling.hosts()) {
            ObjectNode entry = hosts.addObject();
            entry.put("hosts", point.hosts());
            entry.put("window", point.window());
            throughputDetails(entry, point.result());
        }
        ObjectNode perHost = node.putObject("bytes_per_host");
        scaling.hosts().stream().map(ScalingResults.HostPoint::window).distinct().forEach(window ->
                put(perHost, "window_" + window, rounded(scaling.bytesPerHost(window), 0)));
        ArrayNode processes = node.putArray("processes");
        for (ScalingResults.ProcessPoint point : scaling.processes()) {
            ObjectNode entry = processes.addObject();
            entry.put("processes", point.processes());
            entry.put("hosts", point.hosts());
            throughputDetails(entry, point.result());
        }
        ArrayNode alerter = node.putArray("alerter");
        for (AlerterThroughput.Result point : scaling.alerter()) {
            ObjectNode entry = alerter.addObject();
            entry.put("hosts", point.hosts());
            entry.put("eps", Math.round(point.eventsPerSecond()));
        }
    }

    private static void peer(ObjectNode node, PeerResults peer) {
        node.put("event_bytes", round(peer.eventBytes(), 1));
        node.put("partitions", peer.partitions());
        node.put("processes", peer.processes());
        throughputDetails(node.putObject("isolation_forest"), peer.isolationForest());
        throughputDetails(node.putObject("autoencoder"), peer.autoencoder());
    }

    /** A scaling point's figures and how they were taken; peak RSS is the largest process's. */
    private static void throughputDetails(ObjectNode entry, ThroughputResult result) {
        entry.put("eps", Math.round(result.eventsPerSecond()));
        entry.put("peak_rss_mb", round(result.peakRssKb() / 1024.0, 1));
        entry.put("events", result.events());
        entry.put("seconds", round(result.seconds(), 3));
        entry.put("timing", result.window());
    }

    /** Writes the JSON to {@code target} atomically: a reader sees the old file or the new one. */
    static void write(BenchResults results, Path target) throws IOException {
        AtomicFile.write(target, out -> JSON.writeValue(out, of(results)));
    }

    private static OptionalDouble eps(BenchResults results, Measurement run) {
        return rounded(results.throughput(run).map(r -> OptionalDouble.of(r.eventsPerSecond()))
                .orElse(OptionalDouble.empty()), 0);
    }

    private static OptionalDouble rounded(OptionalDouble value, int decimals) {
        return value.isPresent() ? OptionalDouble.of(round(value.getAsDouble(), decimals)) : value;
    }

    private static void put(ObjectNode node, String key, OptionalDouble value) {
        if (value.isEmpty()) {
            node.putNull(key);
        } else if (value.getAsDouble() == Math.rint(value.getAsDouble()) && Math.abs(value.getAsDouble()) < 1e15) {
            node.put(key, (long) value.getAsDouble());
        } else {
            node.put(key, value.getAsDouble());
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
