package dev.anomaly.bench;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** The bench's results as a table for the terminal and the README, with one note per measurement. */
final class ResultTable {
    private static final String ROW = "%-2s %-46s %12s  %-9s %s";

    private ResultTable() {
    }

    static List<String> lines(BenchResults results) {
        BenchOptions options = results.options();
        BenchResults.Environment environment = results.environment();
        List<String> lines = new ArrayList<>();
        lines.add(format("anomaly bench: %,d events from %d hosts in %d partitions; %d cores, Java %s, %s",
                options.events(), BenchOptions.HOSTS, options.partitions(), environment.cores(),
                environment.javaVersion(), environment.runAt().truncatedTo(ChronoUnit.SECONDS)));
        if (!options.detectOptions().isEmpty()) {
            lines.add("detect options: " + String.join(" ", options.detectOptions()));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, ROW, "", "measurement", "result", "unit", "ratio").stripTrailing());
        row(lines, "", "preload (anomaly generate's producer)", eps(results.preloadEps()), "events/s", "");
        throughputRow(lines, results, "1", "pass-through, exactly-once", Measurement.PASSTHROUGH_EOS, "");
        throughputRow(lines, results, "", "pass-through, at-least-once", Measurement.PASSTHROUGH_ALO, "");
        throughputRow(lines, results, "2", "detect, exactly-once", Measurement.DETECT_EOS,
                join(ratio(results.ratio(Measurement.DETECT_EOS, Measurement.PASSTHROUGH_EOS), "pass-through"),
                        ratio(results.ratio(Measurement.DETECT_EOS, Measurement.PER_RECORD), "per-record")));
        throughputRow(lines, results, "", "detect, at-least-once", Measurement.DETECT_ALO,
                ratio(results.ratio(Measurement.DETECT_ALO, Measurement.PASSTHROUGH_ALO),
                        "pass-through at-least-once"));
        throughputRow(lines, results, "", "detect, exactly-once, isolation forest",
                Measurement.DETECT_ISOLATION_FOREST,
                ratio(results.ratio(Measurement.DETECT_ISOLATION_FOREST, Measurement.DETECT_EOS), "autoencoder"));
        throughputRow(lines, results, "", "detect, exactly-once, random cut forest (online)",
                Measurement.DETECT_RANDOM_CUT_FOREST,
                ratio(results.ratio(Measurement.DETECT_RANDOM_CUT_FOREST, Measurement.DETECT_EOS), "autoencoder"));
        results.perRecord().ifPresentOrElse(
                r -> row(lines, "3", "per-record model calls (the tutorials' way)",
                        format("%,.0f", r.eventsPerSecond()), "events/s",
                        format("extrapolated from %,d events", r.events())),
                () -> skipped(lines, "3", "per-record model calls (the tutorials' way)"));
        if (results.latencies().isEmpty()) {
            skipped(lines, "4", "latency");
        }
        String number = "4";
        for (Map.Entry<Integer, LatencyRun.Result> measured : results.latencies().entrySet()) {
            LatencyRun.Result r = measured.getValue();
            row(lines, number, format("latency p50 at %,d events/s", measured.getKey()), format("%.1f", r.p50Ms()),
                    "ms", "");
            row(lines, "", "latency p99", format("%.1f", r.p99Ms()), "ms", "");
            row(lines, "", "latency p99.9", format("%.1f", r.p999Ms()), "ms", "");
            number = "";
        }
        String training = format("training, %,d samples × %d epochs", options.trainSamples(), options.trainEpochs());
        results.training().ifPresentOrElse(
                r -> row(lines, "5", training, format("%.1f", r.seconds()), "s",
                        format("%,.0f rows × epochs/s", r.rowEpochsPerSecond())),
                () -> skipped(lines, "5", training));
        results.detectorPeakRssKb().ifPresentOrElse(
                peak -> row(lines, "6", "detector peak RSS (" + runName(peak.getKey()) + ")",
                        format("%,.0f", peak.getValue() / 1024.0), "MB", ""),
                () -> skipped(lines, "6", "detector peak RSS"));
        results.alerter().ifPresentOrElse(
                r -> row(lines, "7", format("alerter at %,d hosts (grouping, rendering)", r.hosts()),
                        format("%,.0f", r.eventsPerSecond()), "anomalies/s", ""),
                () -> skipped(lines, "7", "alerter at many hosts"));
        results.peer().ifPresentOrElse(peer -> {
            row(lines, "8", "tutorial's setting, isolation forest",
                    format("%,.0f", peer.isolationForest().eventsPerSecond()), "events/s",
                    format("%d processes", peer.processes()));
            row(lines, "", "tutorial's setting, autoencoder", format("%,.0f", peer.autoencoder().eventsPerSecond()),
                    "events/s", format("%d processes", peer.processes()));
        }, () -> skipped(lines, "8", "the tutorial's setting"));
        results.scaling().ifPresent(scaling -> scalingRows(lines, scaling));
        lines.add("");
        lines.addAll(notes(results));
        return lines;
    }

    private static List<String> notes(BenchResults results) {
        BenchOptions options = results.options();
        List<String> notes = new ArrayList<>();
        notes.add(format("1, 2: child JVMs with the bench's memory limits (ANOMALY_HEAP_OPTS), one at a time, each a fresh consumer "
                + "group over all %,d preloaded events, with the detector's client settings; events/s = input "
                + "events ÷ time from the first committed batch to the last (group offsets polled every %d ms, "
                + "the first batch not counted).", options.events(), ThroughputRun.POLL_MILLIS));
        results.perRecord().ifPresent(r -> notes.add(format("3: one network call per event (parse, encode a 1-row "
                + "input, score) in-process without Kafka, an upper bound; timed over %,d events after %,d "
                + "untimed ones: %,d events would take %s.", r.events(), r.warmup(), options.events(),
                duration(options.events() / r.eventsPerSecond()))));
        results.latencies().forEach((rate, r) -> notes.add(format("4: at %,d events/s, from the input's send to "
                + "its output visible to a read_committed consumer, detect exactly-once with --normal-topic; %,d "
                + "events measured after a %d s warm-up, %,.0f events/s sent, %,d without output, %,d duplicated; "
                + "output created after p50 %.1f ms, p99 %.1f ms; max %.1f ms.", rate, r.measured(),
                options.latencyWarmupSeconds(), r.achievedRate(), r.missing(), r.duplicates(),
                r.outputCreatedP50Ms(), r.outputCreatedP99Ms(), r.maxMs())));
        results.training().ifPresent(r -> notes.add(format("5: anomaly train's pipeline in-process on generated "
                + "events: %,d training rows (the rest held out), batch %d, all %d epochs.", r.trainRows(),
                r.batchSize(), r.epochsRun())));
        results.detectorPeakRssKb().ifPresent(r -> notes.add("6: highest VmHWM of the detector JVMs, sampled "
                + "every 50 ms until each exited."));
        results.alerter().ifPresent(r -> notes.add(format("7: in-process, no Kafka or Slack: %,d anomaly records "
                + "cycling over %,d hosts a millisecond apart, parsed, grouped with the default policy and every due "
                + "message rendered (%,d messages).", r.anomalies(), r.hosts(), r.messages())));
        results.peer().ifPresent(r -> notes.add(format("8: the Kafka + Isolation Forest tutorial's setting "
                + "(rodrigo-arenas/kafkaml-anomaly-detection): %,d of its events (two features, %.0f bytes of JSON "
                + "on average, no key) in %d partitions, %d detect processes exactly-once in one group, models "
                + "with anomaly train's defaults on its %,d-point training set. Its own detector (scikit-learn "
                + "called per message) is not run here; the README quotes its figure.", options.events(),
                r.eventBytes(), r.partitions(), r.processes(), PeerBench.TRAINING_POINTS)));
        results.scaling().ifPresent(r -> options.scaling().ifPresent(scaling -> notes.add(format("9: detect "
                + "exactly-once, one fresh group over %,d events each (the bench's values renamed to that many "
                + "hosts); the process series over %,d hosts in %d partitions, on %d cores; memory per host is the "
                + "peak RSS growth from the fewest hosts to the most, a rough figure (the JVM sizes its heap as "
                + "it likes within ANOMALY_HEAP_OPTS); with window W, each host's first W-1 events only fill its "
                + "window, so with few events per host most are not scored.", scaling.events(), r.processes().isEmpty() ? 0
                : r.processes().get(0).hosts(), options.partitions(), results.environment().cores()))));
        results.model().ifPresent(m -> notes.add("Model " + m.version() + ": " + m.source() + "."));
        return notes;
    }

    private static void scalingRows(List<String> lines, ScalingResults scaling) {
        String number = "9";
        for (ScalingResults.HostPoint point : scaling.hosts()) {
            row(lines, number, format("detect at %,d hosts, window %d", point.hosts(), point.window()),
                    format("%,.0f", point.result().eventsPerSecond()), "events/s",
                    format("peak RSS %,d MB", point.result().peakRssKb() / 1024));
            number = "";
        }
        scaling.hosts().stream().map(ScalingResults.HostPoint::window).distinct().forEach(window ->
                scaling.bytesPerHost(window).ifPresent(bytes -> row(lines, "", format("detector memory per host, "
                        + "window %d", window), format("%,.0f", bytes), "bytes", "peak RSS growth ÷ hosts added")));
        for (ScalingResults.ProcessPoint point : scaling.processes()) {
            row(lines, "", format("%d detect process%s in one group", point.processes(),
                    point.processes() == 1 ? "" : "es"), format("%,.0f", point.result().eventsPerSecond()),
                    "events/s", "");
        }
        for (AlerterThroughput.Result point : scaling.alerter()) {
            row(lines, "", format("alerter at %,d hosts", point.hosts()), format("%,.0f", point.eventsPerSecond()),
                    "anomalies/s", "");
        }
    }

    private static void throughputRow(List<String> lines, BenchResults results, String number, String name,
                                      Measurement measurement, String ratio) {
        results.throughput(measurement).ifPresentOrElse(
                r -> row(lines, number, name, format("%,.0f", r.eventsPerSecond()), "events/s", ratio),
                () -> skipped(lines, number, name));
    }

    private static void row(List<String> lines, String number, String name, String figure, String unit,
                            String ratio) {
        lines.add(String.format(Locale.ROOT, ROW, number, name, figure, unit, ratio).stripTrailing());
    }

    private static void skipped(List<String> lines, String number, String name) {
        row(lines, number, name, "skipped", "", "");
    }

    private static String eps(OptionalDouble value) {
        return value.isPresent() ? format("%,.0f", value.getAsDouble()) : "skipped";
    }

    private static String ratio(OptionalDouble value, String of) {
        if (value.isEmpty()) {
            return "";
        }
        double ratio = value.getAsDouble();
        return (ratio >= 10 ? format("%,.0f", ratio) : format("%.2f", ratio)) + " × " + of;
    }

    private static String join(String first, String second) {
        if (first.isEmpty() || second.isEmpty()) {
            return first + second;
        }
        return first + ", " + second;
    }

    static String runName(Measurement run) {
        return switch (run) {
            case DETECT_EOS -> "detect exactly-once";
            case DETECT_ALO -> "detect at-least-once";
            case DETECT_ISOLATION_FOREST -> "detect with an isolation forest";
            case DETECT_RANDOM_CUT_FOREST -> "detect with a random cut forest";
            case LATENCY -> "detect in the latency run";
            default -> run.id();
        };
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return format("%.0f s", seconds);
        }
        if (seconds < 7200) {
            return format("%.0f min", seconds / 60);
        }
        return format("%.1f h", seconds / 3600);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
