package dev.anomaly.detector.stream;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.event.Severity;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.FailureDetail;
import dev.anomaly.detector.core.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

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
    /** For each output of the last run, the index of its source record. */
    private int[] outputSources = new int[16];
    private int outputs;
    private List<ConsumerRecord<byte[], byte[]>> lastRecords = List.of();
    /** Records whose outputs Kafka refused, by source ("topic-partition@offset"): what was refused, how often. */
    private final java.util.Map<String, Refusal> refusals = new java.util.HashMap<>();
    private long dropped;

    DetectionStep(StreamSettings settings, OutputLimits limits) {
        this.settings = settings;
        this.limits = limits;
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
        java.util.Arrays.fill(counts, 0);
        high = 0;
        suppressed = 0;
        rejected.clear();
        outputs = 0;
        lastRecords = records;
        for (int slot = 0; slot < batch.size(); slot++) {
            int source = slot;
            route(records.get(slot), slot, context, detectedAt, record -> {
                if (outputs == outputSources.length) {
                    outputSources = java.util.Arrays.copyOf(outputSources, 2 * outputs);
                }
                outputSources[outputs++] = source;
                out.accept(record);
            });
        }
        if (context.windows().isStateful()) {
            context.windows().drainChanges((partition, host, state) -> changed(partition, host, state, out));
            checkpoints(records, out);
        }
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
     * instead; if the dead letter is refused too, a dead letter of headers only is sent; if even that is
     * refused, the record is dropped (and counted), rather than stopping the detector for good.
     */
    void refused(int output, Exception cause) {
        if (output < 0 || output >= outputs) {
            return;
        }
        ConsumerRecord<byte[], byte[]> source = lastRecords.get(outputSources[output]);
        refusals.merge(sourceId(source), new Refusal(1, FailureDetail.of(cause)),
                (old, fresh) -> new Refusal(old.times() + 1, fresh.detail()));
    }

    /** The last run was committed: its refusals are settled. */
    void committed() {
        refusals.clear();
    }

    /** Records dropped because Kafka refused even their dead letter of headers only. */
    long dropped() {
        return dropped;
    }

    private static String sourceId(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** The outputs of one record, built completely before any is sent, so a failure sends none of them. */
    private void route(ConsumerRecord<byte[], byte[]> source, int slot, ModelContext context, String detectedAt,
                       Consumer<ProducerRecord<byte[], byte[]>> out) {
        slotOutputs.clear();
        Refusal refusal = refusals.isEmpty() ? null : refusals.get(sourceId(source));
        if (refusal != null) {
            routeRefused(source, slot, refusal, context, out);
            return;
        }
        if (batch.outcome(slot) != Outcome.REJECTED) {
            try {
                encode(source, slot, context, detectedAt);
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

    private void routeRefused(ConsumerRecord<byte[], byte[]> source, int slot, Refusal refusal, ModelContext context,
                              Consumer<ProducerRecord<byte[], byte[]>> out) {
        String detail = "Kafka refused its output: " + refusal.detail();
        batch.reject(slot, RejectReason.INTERNAL_ERROR, detail);
        counts[Outcome.REJECTED.ordinal()]++;
        rejected.add(RejectReason.INTERNAL_ERROR);
        if (refusal.times() == 1) {
            out.accept(DeadLetters.of(source, settings.deadLetterTopic(), RejectReason.INTERNAL_ERROR.code(), detail,
                    context.model().version(), limits.of(settings.deadLetterTopic())));
        } else if (refusal.times() == 2) {
            out.accept(DeadLetters.headersOnly(source, settings.deadLetterTopic(), RejectReason.INTERNAL_ERROR.code(),
                    detail, context.model().version()));
        } else {
            dropped++;
        }
    }

    private void encode(ConsumerRecord<byte[], byte[]> source, int slot, ModelContext context, String detectedAt) {
        Outcome outcome = batch.outcome(slot);
        List<String> topics = new ArrayList<>(2);
        if (outcome == Outcome.ANOMALY) {
            topics.add(settings.anomaliesTopic());
            settings.anomalousTopic().ifPresent(topics::add);
        } else {
            settings.normalTopic().ifPresent(topics::add);
        }
        if (topics.isEmpty()) {
            return;
        }
        byte[] json = context.writer().write(source.value(), batch, slot, detectedAt);
        // Keyed by the host it was scored as, also when the input had no key: outputs are grouped per host.
        byte[] key = batch.key(slot).getBytes(StandardCharsets.UTF_8);
        for (String topic : topics) {
            if (!limits.fits(topic, key, json)) {
                json = context.writer().canonical(batch, slot, detectedAt);
            }
        }
        for (String topic : topics) {
            if (!limits.fits(topic, key, json)) {
                batch.reject(slot, RejectReason.OVERSIZED, String.format(Locale.ROOT,
                        "output of %,d bytes is over the %,d-byte limit of topic %s", json.length, limits.of(topic),
                        topic));
                slotOutputs.clear();
                return;
            }
            slotOutputs.add(new ProducerRecord<>(topic, key, json));
        }
    }

    /** Per input partition of the batch: the state written so far is as of this input offset. */
    private void checkpoints(List<ConsumerRecord<byte[], byte[]>> records, Consumer<ProducerRecord<byte[], byte[]>> out) {
        java.util.Map<Integer, Long> next = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.merge(record.partition(), record.offset() + 1, Math::max);
        }
        next.forEach((partition, offset) -> out.accept(new ProducerRecord<>(settings.stateTopic(), partition,
                StateRecords.checkpointKey(), StateRecords.checkpoint(offset))));
    }

    private void changed(int partition, String host, byte[] state, Consumer<ProducerRecord<byte[], byte[]>> out) {
        byte[] key = StateRecords.hostKey(host);
        // A state too large for the changelog (a host name of megabytes) is kept in memory only: the changelog
        // forgets the host, so after a restart it starts a new window rather than an outdated one.
        boolean fits = state == null || limits.fits(settings.stateTopic(), key, state);
        out.accept(new ProducerRecord<>(settings.stateTopic(), partition, key, fits ? state : null));
    }

    /** How often a record's outputs were refused, and the last reason. */
    private record Refusal(int times, String detail) {
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
