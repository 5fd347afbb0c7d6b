package dev.anomaly.detector.stream;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.detector.core.FailureDetail;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Outputs Kafka refused, by the record they came from, and what that record becomes when the batch is run
 * again: its dead letter the first time, a dead letter of headers only the second, and then nothing (the
 * record is dropped and counted) rather than a detector stopped for good by one record. Not thread-safe.
 */
final class RefusedOutputs {
    /** For each output of the last run, the index of its source record. */
    private int[] outputSources = new int[16];
    private int outputs;
    private List<ConsumerRecord<byte[], byte[]>> lastRecords = List.of();
    /** By source ("topic-partition@offset"): what was refused, how often. */
    private final Map<String, Refusal> refusals = new HashMap<>();
    private long dropped;

    /** A new run of {@code records} starts: outputs are numbered from 0 again. */
    void startRun(List<ConsumerRecord<byte[], byte[]>> records) {
        lastRecords = records;
        outputs = 0;
    }

    /** The next output of this run comes from record {@code source} (its index in the run's records). */
    void sent(int source) {
        if (outputs == outputSources.length) {
            outputSources = Arrays.copyOf(outputSources, 2 * outputs);
        }
        outputSources[outputs++] = source;
    }

    /** Kafka refused output {@code output} of the last run. */
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

    /** Why {@code source}'s outputs were refused before, or null when they were not. */
    String refusal(ConsumerRecord<byte[], byte[]> source) {
        Refusal refusal = refusals.isEmpty() ? null : refusals.get(sourceId(source));
        return refusal == null ? null : "Kafka refused its output: " + refusal.detail();
    }

    /**
     * What a record whose outputs were refused is sent as instead, or null when it is dropped.
     *
     * @param why {@link #refusal}
     */
    ProducerRecord<byte[], byte[]> replacement(ConsumerRecord<byte[], byte[]> source, String why,
                                               String deadLetterTopic, String modelVersion, int deadLetterLimit) {
        int times = refusals.get(sourceId(source)).times();
        if (times == 1) {
            return DeadLetters.of(source, deadLetterTopic, RejectReason.INTERNAL_ERROR.code(), why, modelVersion,
                    deadLetterLimit);
        }
        if (times == 2) {
            return DeadLetters.headersOnly(source, deadLetterTopic, RejectReason.INTERNAL_ERROR.code(), why,
                    modelVersion);
        }
        dropped++;
        return null;
    }

    /** Records dropped because Kafka refused even their dead letter of headers only. */
    long dropped() {
        return dropped;
    }

    private static String sourceId(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** How often a record's outputs were refused, and the last reason. */
    private record Refusal(int times, String detail) {
    }
}
