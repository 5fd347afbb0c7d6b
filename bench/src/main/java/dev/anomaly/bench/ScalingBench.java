package dev.anomaly.bench;

import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.model.ModelFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code bench --scaling}: detect exactly-once over events of more and more distinct hosts, with windows of
 * one and more events (the per-host state a detector keeps grows with both); one to three detect processes
 * in one group (how a user scales out on Kafka); the alerter at few and many hosts. Every detect run is a
 * fresh group over its whole topic, measured as the main throughput runs are.
 */
final class ScalingBench {
    /** The hosts of the scale-out series: enough keys to spread evenly over the partitions. */
    private static final int SCALE_OUT_HOSTS = 1000;

    private final BenchOptions options;
    private final ScalingOptions scaling;
    private final ChildRegistry children;
    private final ShutdownSignal stop;
    private final Consumer<String> say;
    private final Consumer<String> progress;
    private final Map<Integer, String> topicsByHosts = new HashMap<>();
    private final Map<Integer, Path> modelsByWindow = new HashMap<>();

    ScalingBench(BenchOptions options, ChildRegistry children, ShutdownSignal stop, Consumer<String> say,
                 Consumer<String> progress) {
        this.options = options;
        this.scaling = options.scaling().orElseThrow();
        this.children = children;
        this.stop = stop;
        this.say = say;
        this.progress = progress;
    }

    ScalingResults run(String bootstrap, Admin admin, Path work, Function<String, Consumer<String>> echo)
            throws InterruptedException {
        List<ScalingResults.HostPoint> hostPoints = new ArrayList<>();
        for (int hosts : scaling.hosts()) {
            String topic = topic(bootstrap, admin, hosts);
            for (int window : scaling.windows()) {
                String name = String.format(Locale.ROOT, "scaling-h%d-w%d", hosts, window);
                ThroughputResult result = detect(bootstrap, admin, name, topic, model(work, window), 1, echo);
                say.accept(String.format(Locale.ROOT, "scaling: %,d hosts, window %d: %,.0f events/s, peak RSS %,d "
                        + "MB", hosts, window, result.eventsPerSecond(), result.peakRssKb() / 1024));
                hostPoints.add(new ScalingResults.HostPoint(hosts, window, result));
            }
        }
        List<ScalingResults.ProcessPoint> processPoints = new ArrayList<>();
        String shared = topic(bootstrap, admin, SCALE_OUT_HOSTS);
        for (int processes : scaling.processes()) {
            String name = "scaling-p" + processes;
            ThroughputResult result = detect(bootstrap, admin, name, shared, model(work, 1), processes, echo);
            say.accept(String.format(Locale.ROOT, "scaling: %d detect process%s, %d partitions: %,.0f events/s",
                    processes, processes == 1 ? "" : "es", options.partitions(), result.eventsPerSecond()));
            processPoints.add(new ScalingResults.ProcessPoint(processes, SCALE_OUT_HOSTS, result));
        }
        List<AlerterThroughput.Result> alerter = new ArrayList<>();
        for (int hosts : scaling.alerterHosts()) {
            AlerterThroughput.Result result = AlerterThroughput.measure(scaling.alerterAnomalies(), hosts, stop);
            say.accept(String.format(Locale.ROOT, "scaling: alerter at %,d hosts: %,.0f anomalies/s", result.hosts(),
                    result.eventsPerSecond()));
            alerter.add(result);
        }
        return new ScalingResults(hostPoints, processPoints, alerter);
    }

    /** The topic of events from {@code hosts} hosts, preloaded on first use. */
    private String topic(String bootstrap, Admin admin, int hosts) throws InterruptedException {
        String existing = topicsByHosts.get(hosts);
        if (existing != null) {
            return existing;
        }
        String topic = "bench-scaling-hosts-" + hosts;
        Topics.create(admin, options.partitions(), List.of(topic));
        say.accept(String.format(Locale.ROOT, "scaling: preloading %,d events from %,d hosts into %s",
                scaling.events(), hosts, topic));
        Preloader.preload(KafkaClientSettings.of(bootstrap), topic, new ScalingEvents(new BenchEvents(options.seed()),
                hosts), scaling.events(), stop, sent -> progress.accept(String.format(Locale.ROOT,
                "scaling: preloaded %,d events", sent)));
        topicsByHosts.put(hosts, topic);
        return topic;
    }

    /** The bench's autoencoder over windows of {@code window} events, trained on first use. */
    private Path model(Path work, int window) {
        return modelsByWindow.computeIfAbsent(window, w -> {
            say.accept(String.format(Locale.ROOT, "scaling: training an autoencoder over windows of %d on %,d "
                    + "generated events", w, BenchModel.EVENTS));
            Path directory = work.resolve("scaling-model-w" + w);
            BenchModel.trainAndStore(directory, new BenchEvents(options.seed() + 1), ModelFamily.AUTOENCODER, w);
            return directory;
        });
    }

    private ThroughputResult detect(String bootstrap, Admin admin, String name, String topic, Path model,
                                    int processes, Function<String, Consumer<String>> echo)
            throws InterruptedException {
        return new GroupDetectRun(children, options.detectOptions(), stop).measure(bootstrap, admin, name, topic,
                options.partitions(), model, processes, scaling.events(), echo);
    }
}
