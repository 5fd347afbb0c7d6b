package dev.anomaly.detector.stream;

import dev.anomaly.alerting.silence.SilenceFollower;
import dev.anomaly.alerting.silence.SilenceTopic;
import dev.anomaly.alerting.silence.Silences;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.failure.ExplainedException;
import dev.anomaly.common.console.ThrottledLog;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelStore;
import dev.anomaly.detector.loop.LoopSettings;
import dev.anomaly.detector.loop.LoopStoppedException;
import dev.anomaly.detector.loop.Takeover;
import dev.anomaly.detector.loop.TransactionalLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The streaming detector, wired: the model from the bundle, the Kafka clients, the transactional loop and
 * the detector's processor, the console and the metrics endpoint. The loop survives outages of any length
 * and every record; what it cannot survive (refused credentials, another detector with this one's
 * instance id) ends the run with a one-line reason.
 */
public final class StreamingDetector {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaClientSettings kafka;
    private final StreamSettings settings;
    private final ModelStore store;
    private final Console console;
    private final Integer metricsPort;
    private final Optional<SilenceTopic> silenceTopic;
    private final DetectorStats stats = new DetectorStats();
    private final AtomicReference<Consumer<byte[], byte[]>> activeConsumer = new AtomicReference<>();
    private DetectorMetrics metrics;

    /**
     * @param metricsPort where to serve Prometheus metrics, or null for none
     */
    public StreamingDetector(KafkaClientSettings kafka, StreamSettings settings, ModelStore store, Console console,
                             Integer metricsPort) {
        this(kafka, settings, store, console, metricsPort, Optional.empty());
    }

    /**
     * @param metricsPort where to serve Prometheus metrics, or null for none
     * @param silenceTopic the silences to follow once Kafka answers: the console marks the anomalies of a
     *     silenced host (detect sends no message, so it only says so); empty for none
     */
    public StreamingDetector(KafkaClientSettings kafka, StreamSettings settings, ModelStore store, Console console,
                             Integer metricsPort, Optional<SilenceTopic> silenceTopic) {
        this.silenceTopic = silenceTopic;
        this.kafka = kafka;
        this.settings = settings;
        this.store = store;
        this.console = console;
        this.metricsPort = metricsPort;
    }

    /**
     * Reads the silences in force, then follows them in the background; a failure only costs the console its
     * marks (one warning), never the detection.
     */
    private SilenceFollower follow(SilenceTopic topic, Silences silences) {
        try {
            // Before the first anomaly line, so that a line never misses a silence already in force.
            topic.readAll(silences);
            // A topic that cannot be read is worth a line a minute at most: it only marks console lines.
            return SilenceFollower.start(topic, silences, new ThrottledLog(console::info, System::nanoTime,
                    Duration.ofMinutes(1)), console::info);
        } catch (ExplainedException | KafkaException e) {
            console.info("warning: cannot read the silences in " + topic.name() + " (" + e.getMessage()
                    + "); the console marks no silenced host");
            return null;
        }
    }

    public DetectorStats stats() {
        return stats;
    }

    /** Interrupts a blocking poll so the loop sees a stop request at once (the shutdown hook calls it). */
    public void wakeup() {
        Consumer<byte[], byte[]> consumer = activeConsumer.get();
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    /** Runs until {@code stop} is requested (or the input stays idle for {@code stopWhenIdle}). */
    public DetectorStats run(ShutdownSignal stop) {
        LoadedModel model = store.load();
        settings.rules().requireKnown(model.metadata().version(), model.metadata().spec().features());
        KafkaConnectivity.awaitTopics(kafka, settings.timeout(), topics());
        DetectorClients clients = new DetectorClients(kafka, settings);
        DetectorTopics.Prepared topics = DetectorTopics.prepare(clients.adminProperties(settings.timeout()), settings,
                clients.maxRequestSize(), settings.timeout());
        Silences silences = new Silences();
        ConsoleReporter reporter = new ConsoleReporter(console, stats, silences);
        ModelContext context = ModelContext.of(model, null, settings);
        DetectorProcessor processor = null;
        try (SilenceFollower follower = silenceTopic.map(topic -> follow(topic, silences)).orElse(null);
             KafkaConsumer<byte[], byte[]> consumer = clients.newConsumer();
             StateChangelog changelog = new StateChangelog(clients.newStateReader(), settings.stateTopic(),
                     settings.timeout())) {
            activeConsumer.set(consumer);
            if (metricsPort != null) {
                metrics = new DetectorMetrics(metricsPort, stats);
                metrics.modelVersion(model.version());
            }
            processor = new DetectorProcessor(settings, context, new DetectionStep(settings, topics.limits()),
                    changelog, new ModelReloader(store, settings.reloadInterval(), reporter::error), stats, metrics,
                    reporter, () -> lag(consumer), new StatePartitions(clients.adminProperties(settings.timeout()),
                            settings.stateTopic(), topics.statePartitions(), settings.timeout()));
            Takeover takeover = settings.staticMember()
                    ? new InstanceTakeover(clients.adminProperties(Duration.ofSeconds(10)), settings.groupId(),
                            clients.groupInstanceId(), settings.instanceId(), () -> consumer.groupMetadata().memberId())
                    : Takeover.NEVER;
            TransactionalLoop loop = new TransactionalLoop(consumer, clients::newProducer,
                    new LoopSettings(List.of(settings.inputTopic()), settings.guarantee(), POLL, settings.timeout(),
                            settings.stopWhenIdle(), false),
                    processor, takeover, line -> console.info("warning: " + line), System::nanoTime)
                    .readingCommittedOffsetsWith(new GroupOffsetsReader(clients.adminProperties(settings.timeout()),
                            settings.groupId(), settings.timeout()));
            reporter.started(String.format(Locale.ROOT, "Detecting anomalies on %s (group %s, %s) with model %s "
                    + "(threshold %.4g); anomalies to %s, dead letters to %s%s", settings.inputTopic(),
                    settings.groupId(), settings.guarantee().id(), model.version(), model.threshold(),
                    settings.anomaliesTopic(), settings.deadLetterTopic(),
                    metrics != null ? ", metrics on :" + metrics.port() + "/metrics" : ""));
            reporter.notLearning(model, settings.learning());
            loop.run(stop);
        } catch (WakeupException e) {
            // Ctrl-C while blocked in Kafka: a clean stop.
        } catch (LoopStoppedException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                throw KafkaConnectivity.describe(kafka.effectiveBootstrapServers(), settings.timeout(), cause);
            }
            throw ExitException.failure(e.getMessage(), e);
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(kafka.effectiveBootstrapServers(), settings.timeout(), e);
        } finally {
            activeConsumer.set(null);
            if (metrics != null) {
                metrics.close();
            }
        }
        reporter.summary(processor.model().version());
        return stats;
    }

    private static long lag(Consumer<byte[], byte[]> consumer) {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }

    private List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(settings.inputTopic(), settings.anomaliesTopic(),
                settings.deadLetterTopic()));
        settings.normalTopic().ifPresent(topics::add);
        settings.anomalousTopic().ifPresent(topics::add);
        return topics;
    }

    /** The port of the metrics endpoint while running, for tests and logs. */
    public Optional<Integer> metricsEndpointPort() {
        return Optional.ofNullable(metrics).map(DetectorMetrics::port);
    }
}
