package dev.anomaly.detector.loop;

import dev.anomaly.common.console.ThrottledLog;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * The loop's output side: one producer, and how far the batch in flight got. A batch's outputs and its
 * input offsets go in one transaction (exactly-once) or are flushed before the offsets are committed
 * (at-least-once); after a failure the transaction is aborted, or the producer replaced when it cannot abort
 * (a new one with the same transactional id settles the old transaction).
 */
final class OutputProducer {
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final LoopSettings settings;
    private final ThrottledLog warnings;
    private Producer<byte[], byte[]> producer;
    private boolean inTransaction;
    private SendFailure unreported;

    OutputProducer(Supplier<Producer<byte[], byte[]>> producers, LoopSettings settings, ThrottledLog warnings) {
        this.producers = producers;
        this.settings = settings;
        this.warnings = warnings;
    }

    /**
     * Starts a producer unless one is running, retrying (after {@code beforeRetry}) until Kafka answers.
     *
     * @return false only when a stop was requested first
     */
    boolean ensureStarted(ShutdownSignal stop, Runnable beforeRetry) {
        while (producer == null && !stop.isRequested()) {
            try {
                producer = producers.get();
            } catch (KafkaException | IllegalStateException e) {
                if (settings.failFast()) {
                    throw new LoopStoppedException("cannot start a producer: " + e.getMessage(), e);
                }
                if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
                    throw new LoopStoppedException(e.getMessage(), e);
                }
                warnings.log("Cannot start a producer yet (" + LoopFailures.describe(e) + "); retrying");
                beforeRetry.run();
            }
        }
        return producer != null;
    }

    /**
     * Sends what the processor makes of the batch and commits the batch's input offsets with it.
     *
     * @throws ProcessorFailure when the processor fails for itself (a bug, not Kafka)
     * @throws RuntimeException any Kafka failure: the batch may or may not count (a commit that timed out may
     *     have landed), so the loop asks the group
     */
    void commit(ConsumerRecords<byte[], byte[]> records, BatchProcessor processor,
                Consumer<byte[], byte[]> consumer) {
        boolean exactlyOnce = settings.guarantee() == Guarantee.EXACTLY_ONCE;
        if (exactlyOnce) {
            producer.beginTransaction();
            inTransaction = true;
        }
        SendFailure failure = new SendFailure();
        int[] sent = {0};
        try {
            processor.process(records, record -> {
                // After one failure the batch is lost anyway: stop before a send blocks on it.
                failure.throwIfAny();
                int index = sent[0]++;
                producer.send(record, (metadata, exception) -> failure.record(index, exception));
            });
        } catch (KafkaException e) {
            report(failure, processor);
            throw e;
        } catch (RuntimeException e) {
            throw new ProcessorFailure(e);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = BatchPositions.nextOffsets(records);
        try {
            if (exactlyOnce) {
                // No flush first: commitTransaction waits for the sends itself, and their acknowledgements
                // arrive while the offsets travel to the group coordinator instead of before (a round trip
                // less per batch, most of the latency at a steady rate).
                failure.throwIfAny();
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
                inTransaction = false;
            } else {
                producer.flush();
                failure.throwIfAny();
                consumer.commitSync(offsets);
            }
        } catch (RuntimeException e) {
            report(failure, processor);
            if (failure.any()) {
                // The send's own failure is the one to judge (a refusal, denied credentials): the commit often
                // only says "in an error state".
                try {
                    failure.throwIfAny();
                } catch (KafkaException own) {
                    if (own != e) {
                        own.addSuppressed(e);
                    }
                    throw own;
                }
            }
            throw e;
        }
        processor.committed();
    }

    /** Tells the processor of a refused output now, or keeps the batch's failures for {@link #reportLateRefusal}. */
    private void report(SendFailure failure, BatchProcessor processor) {
        if (failure.hasRefusal()) {
            failure.reportRefusal(processor);
            unreported = null;
        } else {
            unreported = failure;
        }
    }

    /**
     * After {@link #abandonBatch}: tells the processor of an output refused after the commit failed. Every
     * callback of the batch has run by then (the abort, or the close, waited for them).
     */
    void reportLateRefusal(BatchProcessor processor) {
        if (unreported != null) {
            unreported.reportRefusal(processor);
            unreported = null;
        }
    }

    /**
     * After a failed batch: aborts its transaction, or drops the producer when it cannot abort (a commit that
     * timed out must be retried, not aborted; a fenced producer cannot go on) or when no transaction was open
     * (the failure may be the producer's own, which only a new one gets past).
     */
    void abandonBatch() {
        if (producer != null && inTransaction) {
            inTransaction = false;
            try {
                producer.abortTransaction();
            } catch (RuntimeException cannotAbort) {
                discard();
            }
        } else if (producer != null) {
            discard();
        }
    }

    /** On the way out: an open transaction would hold read_committed readers back until it times out. */
    void close() {
        if (producer == null) {
            return;
        }
        if (inTransaction) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                warnings.log("Could not abort the open transaction on the way out (" + LoopFailures.describe(e)
                        + "); it times out");
            }
        }
        producer.close(Duration.ofSeconds(10));
        producer = null;
        inTransaction = false;
    }

    private void discard() {
        producer.close(Duration.ZERO);
        producer = null;
    }
}
