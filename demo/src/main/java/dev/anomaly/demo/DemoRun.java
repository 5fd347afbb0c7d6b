package dev.anomaly.demo;

import dev.anomaly.alerter.delivery.Deliverer;
import dev.anomaly.alerter.delivery.RetryPolicy;
import dev.anomaly.alerter.run.AlertRun;
import dev.anomaly.alerter.run.AnomalyConsumers;
import dev.anomaly.alerter.run.RunSettings;
import dev.anomaly.alerter.run.UndeliveredTopic;
import dev.anomaly.alerter.slack.Secret;
import dev.anomaly.alerter.slack.SlackTransport;
import dev.anomaly.alerter.slack.WebhookTransport;
import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.alerting.silence.Silences;
import dev.anomaly.alerting.slack.MessageRenderer;
import dev.anomaly.alerting.time.EventClock;
import dev.anomaly.broker.BrokerSettings;
import dev.anomaly.broker.EmbeddedKafkaBroker;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.event.AnomalyType;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.common.lifecycle.DirectoryTrees;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.KafkaEventSink;
import dev.anomaly.detector.stream.DetectorStats;
import dev.anomaly.detector.stream.StreamSettings;
import dev.anomaly.detector.stream.StreamingDetector;
import dev.anomaly.generator.run.GeneratorReport;
import dev.anomaly.generator.run.GeneratorRun;
import dev.anomaly.generator.run.Pacing;
import dev.anomaly.generator.run.RunLimits;
import dev.anomaly.generator.run.SimulatorSource;
import dev.anomaly.generator.simulation.MetricsSimulator;
import dev.anomaly.generator.simulation.SimulationSettings;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.ModelStore;
import dev.anomaly.trainer.pipeline.TrainingOutcome;
import dev.anomaly.trainer.pipeline.TrainingPipeline;
import dev.anomaly.trainer.pipeline.TrainingSettings;
import dev.anomaly.trainer.source.CollectedData;
import dev.anomaly.trainer.source.StartPosition;
import dev.anomaly.trainer.source.TopicTrainingCollector;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole pipeline in one process, on a real broker: a burst of history to train on, then a live stream
 * in accelerated simulated time, scored by the detector and alerted on, and a report scored against the
 * generator's ground truth at the end.
 */
final class DemoRun {
    private static final Duration INTERVAL = SimulationSettings.DEFAULT_INTERVAL;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    /** What the detector and alerter need at the end: catching up on the last events, the report. */
    private static final Duration WIND_DOWN = Duration.ofSeconds(8);
    /**
     * However long training took (a busy machine can take most of a short --duration), the live stream runs
     * this long: enough for episodes to arrive one by one and be shown as they are detected.
     */
    static final Duration MIN_LIVE = Duration.ofSeconds(20);

    private final DemoSettings settings;
    private final PrintWriter out;
    private final boolean quiet;
    private final Map<String, String> environment;

    DemoRun(DemoSettings settings, PrintWriter out, boolean quiet, Map<String, String> environment) {
        this.settings = settings;
        this.out = out;
        this.quiet = quiet;
        this.environment = environment;
    }

    DemoReport run(ShutdownSignal stop) throws Exception {
        long started = System.nanoTime();
        Console demo = console("[demo] ");
        Path dataDir = settings.dataDir() != null ? settings.dataDir() : Files.createTempDirectory("anomaly-demo-kafka");
        Path modelDir = Files.createTempDirectory("anomaly-demo-model");
        int port = portAvailable(settings.port()) ? settings.port() : 0;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                new BrokerSettings(port, dataDir, BrokerSettings.DEFAULT_PARTITIONS, Topics.CREATED_BY_BROKER,
                        Map.of()))) {
            KafkaClientSettings kafka = KafkaClientSettings.of(broker.bootstrapServers());
            console("[broker] ").info("Kafka broker ready at " + broker.bootstrapServers() + " (data in " + dataDir
                    + ")");
            MetricsSimulator simulator = new MetricsSimulator(simulation());
            SimulatorSource source = new SimulatorSource(simulator);
            try (KafkaEventSink sink = KafkaEventSink.open(kafka, Topics.SYSTEM_METRICS, KAFKA_TIMEOUT);
                 KafkaEventSink agentSink = settings.agent()
                         ? KafkaEventSink.open(kafka, Topics.SYSTEM_METRICS, KAFKA_TIMEOUT) : null;
                 DemoAgent agent = settings.agent() ? DemoAgent.start(agentSink, console("[agent] ")) : null) {
                long agentTraining = 0;
                if (agent != null) {
                    // Before the history, so that the training reads this machine's events among the first.
                    agent.awaitSent(DemoAgent.TRAINING_SECONDS * 1000L / DemoAgent.INTERVAL_MS, stop);
                    agentTraining = agent.sent();
                }
                int history = (int) Math.ceil(settings.trainingSamples() / 0.75);
                GeneratorReport historyReport = new GeneratorRun(source, sink, Pacing.fixedRate(0),
                        new RunLimits(history, null), quietConsole("[generate] "), 0)
                        .run(ShutdownSignal.manual(() -> { }));
                console("[generate] ").info(String.format(Locale.ROOT, "%,d events of history from %d hosts, then "
                        + "live at %.0fx real time", history, settings.hosts(), settings.speed()));
                ShutdownSignal stopGenerator = ShutdownSignal.manual(() -> { });
                CompletableFuture<?> generator = CompletableFuture.runAsync(() -> live(source, sink, stopGenerator));
                ModelMetadata model = train(kafka, modelDir, stop, agentTraining);
                if (stop.isRequested()) {
                    stopGenerator.request();
                    return null;
                }
                StreamingDetector detector = new StreamingDetector(kafka, detectSettings(), new ModelStore(modelDir),
                        console("[detect] "), null);
                ShutdownSignal stopDetector = ShutdownSignal.manual(detector::wakeup);
                CompletableFuture<DetectorStats> detecting = CompletableFuture.supplyAsync(() ->
                        detector.run(stopDetector));
                AtomicReference<AlertRun> alerting = new AtomicReference<>();
                ShutdownSignal stopAlerter = ShutdownSignal.manual(() -> { });
                CompletableFuture<?> alerter = CompletableFuture.runAsync(() -> alert(kafka, alerting, stopAlerter));

                long liveStarted = System.nanoTime();
                stop.awaitRequest(Duration.ofNanos(Math.max(MIN_LIVE.toNanos(), settings.duration().toNanos()
                        - (liveStarted - started) - WIND_DOWN.toNanos())));
                demo.info("Stopping: the generator first, then the detector once it has caught up");
                stopGenerator.request();
                generator.get(30, TimeUnit.SECONDS);
                awaitCaughtUp(detector.stats(), stop);
                stopDetector.request();
                DetectorStats stats = detecting.get(60, TimeUnit.SECONDS);
                stopAlerter.request();
                alerter.get(60, TimeUnit.SECONDS);
                return DemoReport.from(kafka, model, stats, alerting.get(), historyReport,
                        (System.nanoTime() - started) / 1e9, settings, agent == null ? null : agent.host());
            }
        } finally {
            if (settings.dataDir() == null) {
                deleteQuietly(dataDir);
            }
            deleteQuietly(modelDir);
        }
    }

    private SimulationSettings simulation() {
        // History first: the training burst covers the time before now, the live stream continues from now.
        int history = (int) Math.ceil(settings.trainingSamples() / 0.75);
        Duration span = INTERVAL.multipliedBy((history + settings.hosts() - 1) / settings.hosts());
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(span);
        return new SimulationSettings(settings.hosts(), INTERVAL, start, settings.seed(),
                SimulationSettings.DEFAULT_ANOMALY_EVERY, SimulationSettings.DEFAULT_ANOMALY_LENGTH,
                AnomalyType.EPISODES);
    }

    private void live(SimulatorSource source, KafkaEventSink sink, ShutdownSignal stop) {
        double eventsPerSecond = settings.hosts() * settings.speed() / (INTERVAL.toMillis() / 1000.0);
        try {
            new GeneratorRun(source, sink, Pacing.fixedRate(eventsPerSecond), RunLimits.none(),
                    quietConsole("[generate] "), eventsPerSecond).run(stop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ModelMetadata train(KafkaClientSettings kafka, Path modelDir, ShutdownSignal stop, long agentEvents) {
        Console trainer = console("[train] ");
        FeatureSpec spec = FeatureSpec.defaults();
        CollectedData data = new TopicTrainingCollector(kafka, Topics.SYSTEM_METRICS, spec.features(),
                settings.trainingSamples() + (int) agentEvents, StartPosition.EARLIEST, KAFKA_TIMEOUT, HostField.DEFAULT).collect(stop, collected -> { });
        trainer.info(String.format(Locale.ROOT, "training on %,d normal events (%,d labelled left out), %d epochs",
                data.normalCount(), data.labelledCount(), settings.epochs()));
        TrainingSettings training = TrainingSettings.defaults(TrainingSettings.defaultOptions(settings.epochs(),
                settings.seed()));
        TrainingOutcome outcome = TrainingPipeline.run(data, training, (epoch, loss, validation) -> { });
        ModelMetadata stored = new ModelStore(modelDir).save(outcome.metadata(), outcome.model());
        trainer.info(String.format(Locale.ROOT, "model %s: cycles %s, threshold %.4g (95th percentile), held-out "
                        + "false alarms %.1f%%", stored.version(), stored.seasonality().periods().stream()
                        .map(dev.anomaly.common.time.Durations::format).toList(), stored.threshold(),
                100 * stored.training().validationFalseAlarmRate()));
        outcome.warnings().forEach(warning -> trainer.info("warning: " + warning));
        return stored;
    }

    private StreamSettings detectSettings() {
        return StreamSettings.builder().groupId("anomaly-demo-detector").timeout(KAFKA_TIMEOUT).instanceId("demo")
                .build();
    }

    private void alert(KafkaClientSettings kafka, AtomicReference<AlertRun> run, ShutdownSignal stop) {
        Console console = console("[alert] ");
        SlackTransport transport = slack().orElseGet(ConsoleTransport::new);
        try (var consumer = AnomalyConsumers.open(kafka, "anomaly-demo-alerter", KAFKA_TIMEOUT);
             var undelivered = new UndeliveredTopic(AnomalyConsumers.undeliveredProducer(kafka, KAFKA_TIMEOUT),
                     UndeliveredTopic.DEFAULT)) {
            Deliverer deliverer = new Deliverer(transport, RetryPolicy.SLACK, System::nanoTime, console, false);
            AlertRun alertRun = new AlertRun(consumer,
                    new RunSettings(Topics.ANOMALIES, false, Optional.empty(), KAFKA_TIMEOUT, false),
                    new AlertGrouper(GroupingPolicy.defaults()),
                    new EventClock(), new MessageRenderer(), deliverer, console, kafka.effectiveBootstrapServers(),
                    Optional.of(undelivered), Silences.none());
            run.set(alertRun);
            console.info("alerting to " + transport.describe());
            alertRun.run(stop);
        }
    }

    private Optional<SlackTransport> slack() {
        return Secret.fromEnvironment(environment, "SLACK_WEBHOOK_URL")
                .map(url -> new WebhookTransport(url, Duration.ofSeconds(10)));
    }

    private void awaitCaughtUp(DetectorStats stats, ShutdownSignal stop) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline && !stop.isRequested()) {
            long events = stats.events();
            if (events == seen && stats.lag() == 0) {
                return;
            }
            seen = events;
            Thread.sleep(500);
        }
    }

    private Console console(String prefix) {
        return new Console(PrefixedLines.of(out, prefix), PrefixedLines.of(out, prefix), quiet, false);
    }

    private Console quietConsole(String prefix) {
        return new Console(PrefixedLines.of(out, prefix), PrefixedLines.of(out, prefix), true, false);
    }

    private static boolean portAvailable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            DirectoryTrees.delete(dir);
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing the demo for.
        }
    }
}
