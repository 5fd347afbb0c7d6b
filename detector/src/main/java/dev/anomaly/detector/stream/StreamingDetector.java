package dev.anomaly.detector.stream;

import dev.anomaly.common.cli.ExitException;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.model.LoadedModel;
import dev.anomaly.common.model.ModelMetadata;
import dev.anomaly.common.model.ModelStore;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.Detector;
import dev.anomaly.detector.core.Outcome;
import dev.anomaly.detector.core.ScoredEventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming detector: consume a batch, score it with one model call, produce anomalies, routed events
 * and dead letters, and commit the input offsets — in one Kafka transaction for exactly-once, or after a
 * flush for at-least-once. The loop has the shape of Kafka's ExactlyOnceMessageProcessor: fatal producer
 * errors stop the detector, other Kafka errors abort the batch and read it again from the committed
 * offsets. Between batches it picks up a new model bundle.
 */
public final class StreamingDetector {
    private static final Logger log = LoggerFactory.getLogger(StreamingDetector.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** How often an online model's learning is saved: a crash loses at most this much of it. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

    private final KafkaClientSettings kafka;
    private final StreamSettings settings;
    private final ModelStore store;
    private final Console console;
    private final Integer metricsPort;
    private final DetectorStats stats = new DetectorStats();
    private final AtomicReference<Consumer<byte[], byte[]>> activeConsumer = new AtomicReference<>();

    private Detector detector;
    private long lastCheckpoint;
    private KafkaRecordDecoder decoder;
    private ScoredEventJson writer;
    private DetectorMetrics metrics;
    private ConsoleReporter reporter;

    /**
     * @param metricsPort where to serve Prometheus metrics, or null for none
     */
    public StreamingDetector(KafkaClientSettings kafka, StreamSettings settings, ModelStore store, Console console,
                             Integer metricsPort) {
        this.kafka = kafka;
        this.settings = settings;
        this.store = store;
        this.console = console;
        this.metricsPort = metricsPort;
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
        useModel(model);
        KafkaConnectivity.awaitTopics(kafka, settings.timeout(), topics());
        reporter = new ConsoleReporter(console, stats);
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            activeConsumer.set(consumer);
            if (metricsPort != null) {
                metrics = new DetectorMetrics(metricsPort, stats);
                metrics.modelVersion(model.version());
            }
            reporter.started(String.format(Locale.ROOT, "Detecting anomalies on %s (group %s, %s) with model %s "
                    + "(threshold %.4g); anomalies to %s, dead letters to %s%s", settings.inputTopic(),
                    settings.groupId(), settings.guarantee().id(), model.version(), model.threshold(),
                    settings.anomaliesTopic(), settings.deadLetterTopic(),
                    metrics != null ? ", metrics on :" + metrics.port() + "/metrics" : ""));
            loop(consumer, stop);
        } catch (WakeupException e) {
            // Ctrl-C while blocked in Kafka: a clean stop.
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(kafka.effectiveBootstrapServers(), settings.timeout(), e);
        } finally {
            activeConsumer.set(null);
            if (metrics != null) {
                metrics.close();
            }
        }
        reporter.summary(detector.model().version());
        return stats;
    }

    private void loop(Consumer<byte[], byte[]> consumer, ShutdownSignal stop) {
        ModelReloader reloader = new ModelReloader(store, settings.reloadInterval(), reporter::error);
        Producer<byte[], byte[]> producer = newProducer();
        try {
            consumer.subscribe(List.of(settings.inputTopic()), new Rebalance());
            long lastRecords = System.nanoTime();
            while (!stop.isRequested()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    break;
                }
                updateLag(consumer);
                reloader.poll(detector.model().version()).ifPresent(this::switchModel);
                if (System.nanoTime() - lastCheckpoint > CHECKPOINT_INTERVAL.toNanos()) {
                    detector.checkpoint();
                    lastCheckpoint = System.nanoTime();
                }
                if (records.isEmpty()) {
                    reporter.idle();
                    if (settings.stopWhenIdle() != null
                            && System.nanoTime() - lastRecords > settings.stopWhenIdle().toNanos()) {
                        if (caughtUp(consumer)) {
                            break;
                        }
                        // A rebalance or an unreachable broker is not idleness: the partitions may be full of work.
                        lastRecords = System.nanoTime();
                    }
                    continue;
                }
                lastRecords = System.nanoTime();
                try {
                    process(records, consumer, producer);
                } catch (ProducerFencedException e) {
                    throw ExitException.failure("another detector with instance id " + settings.instanceId()
                            + " took over (this one was fenced); give each detector its own --instance-id", e);
                } catch (AuthenticationException | AuthorizationException | UnsupportedVersionException e) {
                    throw KafkaConnectivity.describe(kafka.effectiveBootstrapServers(), settings.timeout(), e);
                } catch (KafkaException e) {
                    log.warn("Batch aborted, reading it again from the committed offsets: {}", e.getMessage());
                    stats.aborted.increment();
                    producer = recover(producer, consumer, stop);
                }
            }
        } finally {
            producer.close(Duration.ofSeconds(10));
            detector.checkpoint();
        }
    }

    /**
     * Whose online state this detector keeps: its instance id, else its group (detectors sharing a group
     * without instance ids then share one file, last writer wins).
     */
    private String onlineInstance() {
        return settings.staticMember() ? settings.instanceId() : settings.groupId();
    }

    private void process(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer,
                         Producer<byte[], byte[]> producer) {
        boolean exactlyOnce = settings.guarantee() == Guarantee.EXACTLY_ONCE;
        if (exactlyOnce) {
            producer.beginTransaction();
        }
        DetectionBatch batch = new DetectionBatch(detector.model().metadata().spec().featureCount());
        batch.reset(records.count());
        List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            decoder.decode(record, batch);
            sources.add(record);
        }
        long scoringStart = System.nanoTime();
        detector.score(batch);
        double scoringSeconds = (System.nanoTime() - scoringStart) / 1e9;
        String detectedAt = Instant.now().toString();
        SendFailure failure = new SendFailure();
        long[] counts = new long[Outcome.values().length + 1];
        long high = 0;
        List<RejectReason> rejected = new ArrayList<>();
        for (int slot = 0; slot < batch.size(); slot++) {
            ConsumerRecord<byte[], byte[]> source = sources.get(slot);
            Outcome outcome = batch.outcome(slot);
            counts[outcome.ordinal()]++;
            switch (outcome) {
                case REJECTED -> {
                    producer.send(DeadLetters.of(source, settings.deadLetterTopic(), batch.reason(slot).code(),
                            batch.detail(slot), detector.model().version()), failure);
                    rejected.add(batch.reason(slot));
                }
                case ANOMALY -> {
                    byte[] json = writer.write(source.value(), decoder.hasOutputField(slot), batch, slot, detectedAt);
                    producer.send(new ProducerRecord<>(settings.anomaliesTopic(), source.key(), json), failure);
                    settings.anomalousTopic().ifPresent(topic ->
                            producer.send(new ProducerRecord<>(topic, source.key(), json), failure));
                    if ("HIGH".equals(ScoredEventJson.severity(batch.confidence(slot)))) {
                        high++;
                    }
                }
                case NORMAL, WARMING_UP -> {
                    if (settings.normalTopic().isPresent()) {
                        byte[] json = writer.write(source.value(), decoder.hasOutputField(slot), batch, slot,
                                detectedAt);
                        producer.send(new ProducerRecord<>(settings.normalTopic().get(), source.key(), json), failure);
                    }
                }
                default -> throw new IllegalStateException("unscored record in slot " + slot);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(records);
        if (exactlyOnce) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } else {
            producer.flush();
            failure.throwIfAny();
            consumer.commitSync(offsets);
        }
        // Counted only once committed: an aborted batch is read and counted again.
        long anomalies = counts[Outcome.ANOMALY.ordinal()];
        stats.events.add(batch.size());
        stats.normal.add(counts[Outcome.NORMAL.ordinal()]);
        stats.warmingUp.add(counts[Outcome.WARMING_UP.ordinal()]);
        stats.high.add(high);
        stats.medium.add(anomalies - high);
        rejected.forEach(stats::deadLetter);
        if (metrics != null) {
            metrics.batch(batch.size(), scoringSeconds);
            metrics.anomalies("HIGH", high);
            metrics.anomalies("MEDIUM", anomalies - high);
            rejected.forEach(metrics::deadLetter);
        }
        reporter.batch(batch, detector.model().metadata());
    }

    /** Abort, re-create the producer if it cannot abort, and rewind to the committed offsets. */
    private Producer<byte[], byte[]> recover(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer,
                                             ShutdownSignal stop) {
        Producer<byte[], byte[]> current = producer;
        if (settings.guarantee() == Guarantee.EXACTLY_ONCE) {
            try {
                current.abortTransaction();
            } catch (KafkaException abortFailed) {
                current.close(Duration.ZERO);
                current = null;
            }
        }
        while (current == null && !stop.isRequested()) {
            try {
                current = newProducer();
            } catch (KafkaException e) {
                log.warn("Cannot start a transactional producer yet: {}", e.getMessage());
                pause(stop);
            }
        }
        while (!stop.isRequested()) {
            try {
                rewind(consumer);
                break;
            } catch (KafkaException e) {
                log.warn("Cannot read the committed offsets yet: {}", e.getMessage());
                pause(stop);
            }
        }
        detector.clearWindows();
        if (current == null) {
            throw ExitException.failure("stopped while recovering from a Kafka error");
        }
        return current;
    }

    private void rewind(Consumer<byte[], byte[]> consumer) {
        var assignment = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment);
        for (TopicPartition partition : assignment) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else if (settings.resetToEarliest()) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seekToEnd(List.of(partition));
            }
        }
    }

    /** Whether every assigned partition is read to the end the broker reports now (false if it cannot say). */
    private static boolean caughtUp(Consumer<byte[], byte[]> consumer) {
        var assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return false;
        }
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment, Duration.ofSeconds(5));
            for (TopicPartition partition : assignment) {
                if (consumer.position(partition, Duration.ofSeconds(5)) < end.get(partition)) {
                    return false;
                }
            }
            return true;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return false;
        }
    }

    private void switchModel(LoadedModel model) {
        useModel(model);
        if (metrics != null) {
            metrics.modelVersion(model.version());
        }
        reporter.modelChanged(model.metadata());
    }

    private void useModel(LoadedModel model) {
        ModelMetadata metadata = model.metadata();
        if (detector != null) {
            detector.checkpoint();
        }
        detector = new Detector(model, detector, onlineInstance());
        lastCheckpoint = System.nanoTime();
        decoder = new KafkaRecordDecoder(metadata, settings.maxRecordBytes());
        writer = new ScoredEventJson(metadata);
    }

    private void updateLag(Consumer<byte[], byte[]> consumer) {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        stats.lag.set(lag);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(settings.inputTopic(), settings.anomaliesTopic(),
                settings.deadLetterTopic()));
        settings.normalTopic().ifPresent(topics::add);
        settings.anomalousTopic().ifPresent(topics::add);
        return topics;
    }

    /** This detector's consumer configuration (the bench's pass-through uses it too, so they cannot drift). */
    public Properties consumerProperties() {
        Map<String, Object> explicit = new HashMap<>(Map.of(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.resetToEarliest() ? "earliest" : "latest"));
        if (settings.staticMember()) {
            // A restarted detector takes its partitions back at once instead of waiting out the old session.
            explicit.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "anomaly-detector-" + settings.instanceId());
        }
        return kafka.build(
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords(),
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024,
                        // A crashed detector's partitions move on after 10 s, not Kafka's default 45 s.
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000),
                explicit,
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    /**
     * A producer as this detector uses it, transactions initialised for exactly-once (the bench's
     * pass-through uses it too).
     */
    public Producer<byte[], byte[]> newProducer() {
        Map<String, Object> forced = new HashMap<>(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        if (settings.guarantee() == Guarantee.EXACTLY_ONCE) {
            forced.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "anomaly-detector-" + settings.groupId() + "-"
                    + settings.instanceId());
        }
        Producer<byte[], byte[]> producer = new KafkaProducer<>(kafka.build(
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                        // Dead letters carry the largest inputs byte for byte, plus headers.
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
                        // A killed detector's open transaction blocks readers until it times out.
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
                                Math.max(1000, settings.timeout().toMillis()))),
                Map.of(), forced));
        if (settings.guarantee() == Guarantee.EXACTLY_ONCE) {
            try {
                producer.initTransactions();
            } catch (KafkaException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
        }
        return producer;
    }

    private static void pause(ShutdownSignal stop) {
        try {
            stop.awaitRequest(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request();
        }
    }

    /** Drops the windows of partitions this detector no longer owns. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> detector.dropPartition(partition.partition()));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.debug("Assigned {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    /** Remembers the first failed send of an at-least-once batch, so the batch is not committed. */
    private static final class SendFailure implements org.apache.kafka.clients.producer.Callback {
        private final AtomicReference<Exception> first = new AtomicReference<>();

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                first.compareAndSet(null, exception);
            }
        }

        void throwIfAny() {
            Exception failure = first.get();
            if (failure != null) {
                throw failure instanceof KafkaException kafkaException ? kafkaException
                        : new KafkaException("a record was not stored", failure);
            }
        }
    }

    /** The port of the metrics endpoint while running, for tests and logs. */
    public Optional<Integer> metricsEndpointPort() {
        return Optional.ofNullable(metrics).map(DetectorMetrics::port);
    }
}
