package dev.anomaly.detector.stream;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.detector.core.Outcome;
import dev.anomaly.detector.loop.BatchProcessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The detector's side of the transactional loop: scores each batch ({@link DetectionStep}), counts what
 * was committed, keeps the hosts' windows in step with the committed offsets (restored from the state
 * topic for every partition it takes over and after every abort, with the model's learners), and between
 * batches switches to a new model.
 */
final class DetectorProcessor implements BatchProcessor {
    private final StreamSettings settings;
    private final DetectionStep step;
    private final StateChangelog changelog;
    private final ModelReloader reloader;
    private final DetectorStats stats;
    private final DetectorMetrics metrics;
    private final ConsoleReporter reporter;
    private final java.util.function.LongSupplier lag;
    private final StatePartitions statePartitions;
    private final Set<Integer> owned = new HashSet<>();
    private final Set<Integer> needsRestore = new HashSet<>();
    private ModelContext context;
    private boolean batchPending;
    private long droppedBefore;

    /**
     * @param metrics the Prometheus endpoint, or null
     * @param lag the consumer lag over the owned partitions, read between batches
     */
    DetectorProcessor(StreamSettings settings, ModelContext context, DetectionStep step, StateChangelog changelog,
                      ModelReloader reloader, DetectorStats stats, DetectorMetrics metrics, ConsoleReporter reporter,
                      java.util.function.LongSupplier lag, StatePartitions statePartitions) {
        this.settings = settings;
        this.context = context;
        this.step = step;
        this.changelog = changelog;
        this.reloader = reloader;
        this.stats = stats;
        this.metrics = metrics;
        this.reporter = reporter;
        this.lag = lag;
        this.statePartitions = statePartitions;
    }

    /** The model scoring now. */
    LoadedModel model() {
        return context.model();
    }

    @Override
    public void process(ConsumerRecords<byte[], byte[]> records, Consumer<ProducerRecord<byte[], byte[]>> out) {
        restorePending(records);
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        step.run(list, context, Instant.now().toString(), out);
        batchPending = true;
    }

    /**
     * Windows of partitions just taken over, or rolled back by an abort, come back from the changelog before
     * their records are scored: as of the offset the batch resumes them at.
     */
    private void restorePending(ConsumerRecords<byte[], byte[]> records) {
        if (needsRestore.isEmpty()) {
            return;
        }
        if (!context.isStateful()) {
            needsRestore.clear();
            return;
        }
        for (TopicPartition input : records.partitions()) {
            int partition = input.partition();
            if (!needsRestore.contains(partition)) {
                continue;
            }
            statePartitions.ensure(partition);
            long read = changelog.restore(partition, records.records(input).get(0).offset(), context.detector(),
                    line -> reporter.info("warning: " + line));
            needsRestore.remove(partition);
            if (settings.verbose()) {
                String learnt = context.detector().describeLearner(partition);
                reporter.info("Restored the windows of partition " + partition + " from " + settings.stateTopic()
                        + " (" + read + " records, " + context.windows().hosts() + " hosts in memory"
                        + (learnt != null ? "; learning: " + learnt : "") + ")");
            }
        }
    }

    @Override
    public void refused(int output, Exception cause) {
        step.refused(output, cause);
    }

    @Override
    public void committed() {
        if (!batchPending) {
            return;
        }
        batchPending = false;
        stats.dropped.add(step.dropped() - droppedBefore);
        droppedBefore = step.dropped();
        step.committed();
        // Counted only once committed: an aborted batch is read and counted again.
        long anomalies = step.count(Outcome.ANOMALY);
        long high = step.high();
        stats.events.add(step.batch().size());
        stats.normal.add(step.count(Outcome.NORMAL));
        stats.warmingUp.add(step.count(Outcome.WARMING_UP));
        stats.high.add(high);
        stats.medium.add(anomalies - high);
        stats.suppressed.add(step.suppressed());
        step.rejected().forEach(stats::deadLetter);
        if (metrics != null) {
            metrics.batch(step.batch().size(), step.scoringSeconds());
            metrics.anomalies("HIGH", high);
            metrics.anomalies("MEDIUM", anomalies - high);
            metrics.suppressed(step.suppressed());
            for (RejectReason reason : step.rejected()) {
                metrics.deadLetter(reason);
            }
        }
        reporter.batch(step.batch(), context.model().metadata());
    }

    @Override
    public void aborted() {
        batchPending = false;
        stats.aborted.increment();
        // The windows moved with records that will be read again: back to the committed state.
        needsRestore.addAll(owned);
    }

    @Override
    public void assigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            owned.add(partition.partition());
            needsRestore.add(partition.partition());
        }
    }

    @Override
    public void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            owned.remove(partition.partition());
            needsRestore.remove(partition.partition());
            context.windows().drop(partition.partition());
            context.detector().dropLearner(partition.partition());
        }
    }

    @Override
    public void betweenBatches(boolean idle) {
        stats.lag.set(lag.getAsLong());
        reloader.poll(context.model().version()).ifPresent(this::switchModel);
        if (idle) {
            reporter.idle();
        }
    }

    private void switchModel(LoadedModel model) {
        ModelContext next = ModelContext.of(model, context, settings);
        if (next.windows() != context.windows()) {
            // A different window: the old windows mean nothing to the new model, and neither does the changelog.
            needsRestore.clear();
        }
        context = next;
        if (metrics != null) {
            metrics.modelVersion(model.version());
        }
        reporter.modelChanged(model.metadata(), settings.rules().unknown(model.metadata().spec().features()));
        reporter.notLearning(model, settings.learning());
    }
}
