package dev.anomaly.detector.stream;

import dev.anomaly.common.console.ThrottledLog;
import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.event.Severity;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.FailureDetail;
import dev.anomaly.detector.core.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch through the detector, without Kafka clients: records in; anomalies, routed events, dead letters
 * and the hosts' state changes out, in that order per record.
 *
 * <p>Nothing one record contains can make it throw: a failure while decoding, scoring or encoding a record
 * makes that record a dead letter ({@code internal_error}, the exception in {@code dlq.detail}); an output
 * too large for its topic is written in canonical form, or else dead-lettered ({@code oversized}); every
 * dead letter is cut to fit the dead-letter topic. Not thread-safe.
 */
final class DetectionStep {
    private static final Logger log = LoggerFactory.getLogger(DetectionStep.class);
    private final StreamSettings settings;
    private final OutputLimits limits;
    private final List<ProducerRecord<byte[], byte[]>> slotOutputs = new ArrayList<>(3);
    private DetectionBatch batch;
    private final long[] counts = new long[Outcome.values().length];
    private long high;
    /** Anomalies of the model the alert rules did not let stand, in the batch just run. */
    private long suppressed;
    private double scoringSeconds;
    private final List<RejectReason> rejected = new ArrayList<>();
    private final RefusedOutputs refused = new RefusedOutputs();
    private final ScoredOutputs scoredOutputs;
    private final ThrottledLog tooLarge = new ThrottledLog(line -> log.warn(line), System::nanoTime,
            Duration.ofMinutes(1));

    DetectionStep(StreamSettings settings, OutputLimits limits) {
        this.settings = settings;
        this.limits = limits;
        this.scoredOutputs = new ScoredOutputs(settings, limits);
    }

    /**
     * Scores {@code records} with {@code context} and hands every output record to {@code out}.
     *
     * @param detectedAt ISO-8601 time of the batch, written into every output
     */
    void run(List<ConsumerRecord<byte[], byte[]>> records, ModelContext context, String detectedAt,
             Consumer<ProducerRecord<byte[], byte[]>> out) {
        int features = context.model().metadata().spec().featureCount();
        if (batch == null || batch.features() != features) {
            batch = new DetectionBatch(features);
        }
        batch.reset(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            decode(record, context);
        }
        long scoringStart = System.nanoTime();
        try {
            context.detector().score(batch);
            context.rules().apply(batch);
        } catch (RuntimeException e) {
            // The detector isolates records itself; this is the last line of defence against a bug.
            for (int slot = 0; slot < batch.size(); slot++) {
                if (batch.outcome(slot) == null) {
                    batch.rejectInternal(slot, e);
                }
            }
        }
        scoringSeconds = (System.nanoTime() - scoringStart) / 1e9;
        Arrays.fill(counts, 0);
        high = 0;
        suppressed = 0;
        rejected.clear();
        refused.startRun(records);
        for (int slot = 0; slot < batch.size(); slot++) {
            int source = slot;
            route(records.get(slot), slot, context, detectedAt, record -> {
                refused.sent(source);
                out.accept(record);
            });
        }
        if (context.isStateful()) {
            if (context.windows().isStateful()) {
                context.windows().drainChanges((partition, host, state) -> out.accept(StateRecords.hostState(
                        settings.stateTopic(), partition, host, state, limits)));
            }
            Map<Integer, Long> nextOffsets = StateRecords.nextOffsets(records);
            if (context.detector().learns()) {
                nextOffsets.forEach((partition, next) -> context.detector().saveLearner(partition,
                        (progress, parts) -> StateRecords.learner(settings.stateTopic(), partition, next, progress,
                                parts, limits, () -> notSaved(context, partition)).forEach(out)));
            }
            StateRecords.checkpoints(settings.stateTopic(), nextOffsets).forEach(out);
        }
    }

    /** A learner's state too large for the state topic: it is sent whole next time, and the operator told. */
    private void notSaved(ModelContext context, int partition) {
        context.detector().learnerNotSaved(partition);
        tooLarge.log("what the model learnt from partition " + partition + " does not fit " + settings.stateTopic()
                + " (raise its max.message.bytes): a restart would start that learning again from the trained model");
    }

    private void decode(ConsumerRecord<byte[], byte[]> record, ModelContext context) {
        int before = batch.size();
        try {
            context.decoder().decode(record, batch);
        } catch (RuntimeException e) {
            if (batch.size() > before) {
                batch.rejectInternal(before, e);
            } else {
                batch.addRejected(record.partition(), RejectReason.INTERNAL_ERROR, FailureDetail.of(e));
            }
        }
    }

    /**
     * Kafka refused output {@code output} of the last run: next time its source record is dead-lettered
     * instead ({@link RefusedOutputs}).
     */
    void refused(int output, Exception cause) {
        refused.refused(output, cause);
    }

    /** The last run was committed: its refusals are settled. */
    void committed() {
        refused.committed();
    }

    /** Records dropped because Kafka refused even their dead letter of headers only. */
    long dropped() {
        return refused.dropped();
    }

    /** The outputs of one record, built completely before any is sent, so a failure sends none of them. */
    private void route(ConsumerRecord<byte[], byte[]> source, int slot, ModelContext context, String detectedAt,
                       Consumer<ProducerRecord<byte[], byte[]>> out) {
        slotOutputs.clear();
        String refusal = refused.refusal(source);
        if (refusal != null) {
            batch.reject(slot, RejectReason.INTERNAL_ERROR, refusal);
            counts[Outcome.REJECTED.ordinal()]++;
            rejected.add(RejectReason.INTERNAL_ERROR);
            ProducerRecord<byte[], byte[]> replacement = refused.replacement(source, refusal,
                    settings.deadLetterTopic(), context.model().version(), limits.of(settings.deadLetterTopic()));
            if (replacement != null) {
                out.accept(replacement);
            }
            return;
        }
        if (batch.outcome(slot) != Outcome.REJECTED) {
            try {
                scoredOutputs.encode(source.value(), batch, slot, context.writer(), detectedAt, slotOutputs);
            } catch (RuntimeException e) {
                slotOutputs.clear();
                batch.rejectInternal(slot, e);
            }
        }
        Outcome outcome = batch.outcome(slot);
        if (outcome == Outcome.REJECTED) {
            slotOutputs.add(DeadLetters.of(source, settings.deadLetterTopic(), batch.reason(slot).code(),
                    batch.detail(slot), context.model().version(), limits.of(settings.deadLetterTopic())));
            rejected.add(batch.reason(slot));
        } else if (outcome == Outcome.ANOMALY && batch.severity(slot) == Severity.HIGH) {
            high++;
        } else if (outcome == Outcome.NORMAL && batch.suppressedBy(slot) != 0) {
            suppressed++;
        }
        counts[outcome.ordinal()]++;
        slotOutputs.forEach(out);
    }

    /** The batch just run: outcomes, keys and values for the console. Valid until the next run. */
    DetectionBatch batch() {
        return batch;
    }

    long count(Outcome outcome) {
        return counts[outcome.ordinal()];
    }

    long high() {
        return high;
    }

    long suppressed() {
        return suppressed;
    }

    List<RejectReason> rejected() {
        return rejected;
    }

    double scoringSeconds() {
        return scoringSeconds;
    }
}
