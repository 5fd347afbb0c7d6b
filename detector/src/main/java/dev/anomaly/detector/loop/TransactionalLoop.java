package dev.anomaly.detector.loop;

import dev.anomaly.common.console.ThrottledLog;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A consume-transform-produce loop, in the shape of Kafka's ExactlyOnceMessageProcessor: poll a batch, hand
 * it to the {@link BatchProcessor}, send what it returns and commit the input offsets, in one transaction
 * (exactly-once) or after a flush (at-least-once).
 *
 * <p>Only a stop request, refused credentials or an unsupported broker, a detector that really took over
 * (or joined with this one's instance id), or a failure of the processor itself (a bug, not a record) ends
 * it. Any other failure, including a broker outage of any length, aborts the batch (or replaces a producer
 * that cannot abort, or that failed with no transaction open: a new one with the same transactional id
 * settles the old transaction) and reads it again. A batch that failed before asking for its commit is read
 * again from where it started, without asking the broker. Once the commit was asked for, it may have landed
 * though the client saw it fail, so the batch's partitions go back to their committed offsets as the stable
 * view gives them (or, never committed, to where the batch started). Between attempts the loop backs off
 * (capped), polling with every partition paused so the group keeps this member; one attempt may block for
 * up to the Kafka timeout per call it makes. The processor is told, so its state follows. With
 * {@code failFast} (the bench) the first failure ends the run instead.
 */
public final class TransactionalLoop {
    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final LoopSettings settings;
    private final BatchProcessor processor;
    private final Takeover takeover;
    private final ThrottledLog warnings;
    private final LongSupplier nanoTime;
    private final Backoff backoff = new Backoff();
    private Pause pause;
    private CommittedOffsets committedElsewhere;
    private Producer<byte[], byte[]> producer;
    /** Where the current batch started, for the partitions this member kept since it was read. */
    private final Map<TopicPartition, Long> batchStarts = new HashMap<>();
    private boolean inTransaction;
    /** Whether the current batch got as far as asking for its commit: from then on, its outcome is unknown. */
    private boolean commitRequested;
    private long aborted;

    /**
     * @param producers makes a producer ready to use (transactions initialised for exactly-once); throws a
     *     {@code KafkaException} when Kafka cannot be reached
     * @param takeover says whether a fenced producer means another instance really took over
     * @param warnings receives one line per problem, at most one every 10 s
     */
    public TransactionalLoop(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
                             Supplier<Producer<byte[], byte[]>> producers, LoopSettings settings,
                             BatchProcessor processor, Takeover takeover, Consumer<String> warnings,
                             LongSupplier nanoTime) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.producers = Objects.requireNonNull(producers, "producers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.takeover = Objects.requireNonNull(takeover, "takeover");
        this.warnings = new ThrottledLog(warnings, nanoTime);
        this.nanoTime = nanoTime;
    }

    /** Waits between retries some other way than by paused polls (tests). */
    public TransactionalLoop pausingWith(Pause custom) {
        this.pause = custom;
        return this;
    }

    /**
     * Asks this reader when the consumer cannot say what is committed: its offset fetch waits for every
     * pending transactional commit to settle, and after an outage it has been seen to time out for minutes.
     */
    public TransactionalLoop readingCommittedOffsetsWith(CommittedOffsets reader) {
        this.committedElsewhere = reader;
        return this;
    }

    /** Batches aborted and read again so far. */
    public long aborted() {
        return aborted;
    }

    /**
     * Runs until a stop is requested or, with {@code stopWhenIdle}, until the input stays idle with every
     * partition read to its end.
     *
     * @throws LoopStoppedException when it cannot go on: credentials refused, another instance took over,
     *     or (fail-fast) any failure
     */
    public void run(ShutdownSignal stop) {
        if (pause == null) {
            pause = new PausedPoll(consumer, stop, nanoTime);
        }
        try {
            producer = newProducer(stop);
            if (producer == null) {
                return;
            }
            consumer.subscribe(settings.topics(), new Rebalance());
            long lastRecords = nanoTime.getAsLong();
            while (!stop.isRequested()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(settings.poll());
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    // Nothing to abort: nothing was read. Stop if it cannot be helped, else wait and poll again.
                    stopIfHopeless(e, "poll");
                    warnings.log("Kafka poll failed (" + describe(e) + "); retrying");
                    pause.await(backoff.next());
                    continue;
                }
                processor.betweenBatches(records.isEmpty());
                if (records.isEmpty()) {
                    if (settings.stopWhenIdle() != null) {
                        if (consumer.assignment().isEmpty()) {
                            lastRecords = nanoTime.getAsLong();
                        } else if (nanoTime.getAsLong() - lastRecords > settings.stopWhenIdle().toNanos()) {
                            if (caughtUp()) {
                                break;
                            }
                            // An unreachable broker is not idleness: the partitions may be full of work.
                            lastRecords = nanoTime.getAsLong();
                        }
                    }
                    continue;
                }
                lastRecords = nanoTime.getAsLong();
                try {
                    commitBatch(records);
                    backoff.reset();
                } catch (WakeupException e) {
                    // Ctrl-C in the middle of an at-least-once commit: the batch is read again next time.
                    break;
                } catch (ProcessorFailure e) {
                    throw new LoopStoppedException("processing failed: " + e.getCause().getMessage(), e.getCause());
                } catch (RuntimeException e) {
                    stopIfHopeless(e, "batch");
                    aborted++;
                    warnings.log("Batch failed (" + describe(e) + "); reading it again");
                    recover(stop);
                    // However it failed, not at once again: a failure that repeats must not spin.
                    pause.await(backoff.next());
                }
            }
        } catch (FencedInstanceIdException | AuthenticationException | AuthorizationException e) {
            // From a wait between retries, which polls.
            stopIfHopeless(e, "poll");
            throw e;
        } finally {
            if (producer != null) {
                if (inTransaction) {
                    abortQuietly();
                }
                producer.close(Duration.ofSeconds(10));
            }
        }
    }

    private void commitBatch(ConsumerRecords<byte[], byte[]> records) {
        batchStarts.clear();
        batchStarts.putAll(starts(records));
        commitRequested = false;
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
            failure.reportRefusal(processor);
            throw e;
        } catch (RuntimeException e) {
            throw new ProcessorFailure(e);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(records);
        try {
            if (exactlyOnce) {
                // A send that failed means the commit would only abort: find out before asking for it, so
                // the batch is read again from its start without asking the broker what is committed.
                producer.flush();
                failure.throwIfAny();
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                commitRequested = true;
                producer.commitTransaction();
                inTransaction = false;
            } else {
                producer.flush();
                failure.throwIfAny();
                commitRequested = true;
                consumer.commitSync(offsets);
            }
        } catch (RuntimeException e) {
            failure.reportRefusal(processor);
            throw e;
        }
        processor.committed();
    }

    /** Ends the run for a failure no retry can help: refused credentials, a real takeover, or fail-fast mode. */
    private void stopIfHopeless(RuntimeException e, String what) {
        if (settings.failFast()) {
            throw new LoopStoppedException(what + " failed: " + e.getMessage(), e);
        }
        if (e instanceof AuthenticationException || e instanceof AuthorizationException
                || e instanceof UnsupportedVersionException) {
            throw new LoopStoppedException(e.getMessage(), e);
        }
        if (e instanceof FencedInstanceIdException
                || (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException)
                && takeover.happened()) {
            throw new LoopStoppedException(takeover.describe(), e);
        }
    }

    /** Aborts (or replaces) the producer, rewinds the consumer and tells the processor; retries until done. */
    private void recover(ShutdownSignal stop) {
        if (producer != null && inTransaction) {
            inTransaction = false;
            try {
                producer.abortTransaction();
            } catch (RuntimeException cannotAbort) {
                // A commit that timed out must be retried, not aborted (IllegalStateException), and a fenced
                // producer cannot go on: a new one with the same transactional id settles the old transaction.
                discardProducer();
            }
        } else if (producer != null) {
            // No transaction to abort: the failure may be the producer's own (a transaction it can no longer
            // begin, a fatal send error), and only a new one gets past that. It costs one start.
            discardProducer();
        }
        processor.aborted();
        if (producer == null) {
            // Its start settles the old transaction: committed if the commit reached the coordinator, else aborted.
            producer = newProducer(stop);
        }
        if (!commitRequested) {
            // Never asked to commit, the batch's transaction ended aborted, so nothing of it counts: read it again
            // from where it started, without asking the broker, whose view of the committed offsets may still
            // lack the previous batch's commit.
            batchStarts.forEach(consumer::seek);
            return;
        }
        while (!stop.isRequested()) {
            try {
                rewindToCommitted();
                return;
            } catch (WakeupException e) {
                return;
            } catch (KafkaException | IllegalStateException e) {
                stopIfHopeless(e, "reading the committed offsets");
                warnings.log("Cannot read the committed offsets yet (" + describe(e) + "); retrying");
                pause.await(backoff.next());
            }
        }
    }

    private void discardProducer() {
        producer.close(Duration.ZERO);
        producer = null;
    }

    /** On the way out: an open transaction would hold read_committed readers back until it times out. */
    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            warnings.log("Could not abort the open transaction on the way out (" + describe(e) + "); it times out");
        }
    }

    /** A producer, retried with backoff until Kafka answers; null only when a stop was requested. */
    private Producer<byte[], byte[]> newProducer(ShutdownSignal stop) {
        while (!stop.isRequested()) {
            try {
                return producers.get();
            } catch (KafkaException | IllegalStateException e) {
                if (settings.failFast()) {
                    throw new LoopStoppedException("cannot start a producer: " + e.getMessage(), e);
                }
                if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
                    throw new LoopStoppedException(e.getMessage(), e);
                }
                warnings.log("Cannot start a producer yet (" + describe(e) + "); retrying");
                pause.await(backoff.next());
            }
        }
        return null;
    }

    /**
     * The batch's partitions back to their committed offsets, or to where the batch started if never
     * committed. The others were not moved by the batch: every earlier one was committed or rewound.
     */
    private void rewindToCommitted() {
        if (batchStarts.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(batchStarts.keySet());
        batchStarts.forEach((partition, start) -> {
            OffsetAndMetadata offset = committed.get(partition);
            consumer.seek(partition, offset != null ? offset.offset() : start);
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Set<TopicPartition> partitions) {
        try {
            return consumer.committed(partitions, settings.kafkaTimeout());
        } catch (KafkaException e) {
            if (committedElsewhere == null || e instanceof WakeupException || e instanceof AuthenticationException
                    || e instanceof AuthorizationException) {
                throw e;
            }
            // Timed out: commit markers not written yet, or a coordinator connection stuck after a long outage.
            // Ask on a fresh connection, which says which partitions are still pending instead of waiting.
            return committedElsewhere.read(partitions);
        }
    }

    /** Whether every assigned partition is read to the end the broker reports now (false if it cannot say). */
    private boolean caughtUp() {
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
        } catch (KafkaException e) {
            return false;
        }
    }

    private static Map<TopicPartition, Long> starts(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            starts.put(partition, records.records(partition).get(0).offset());
        }
        return starts;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            var inPartition = records.records(partition);
            ConsumerRecord<byte[], byte[]> last = inPartition.get(inPartition.size() - 1);
            offsets.put(partition, new OffsetAndMetadata(last.offset() + 1));
        }
        return offsets;
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "no details" : e.getMessage();
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }

    /** Keeps the processor's state in step with the partitions this member owns. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // A partition that came and went while a batch failed starts from what the group committed.
            batchStarts.keySet().removeAll(partitions);
            processor.revoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            batchStarts.keySet().removeAll(partitions);
            processor.assigned(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            batchStarts.keySet().removeAll(partitions);
            processor.revoked(partitions);
        }
    }

    /** A processor failure that is not Kafka's: a bug, which retrying would only repeat. */
    private static final class ProcessorFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProcessorFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /**
     * Remembers the first failed send of a batch (so an at-least-once batch is not committed, and a batch
     * stops sending at once) and the first output Kafka refused for itself.
     */
    private static final class SendFailure {
        private final AtomicReference<Exception> first = new AtomicReference<>();
        private final AtomicReference<Map.Entry<Integer, Exception>> refusal = new AtomicReference<>();

        void record(int index, Exception exception) {
            if (exception != null) {
                first.compareAndSet(null, exception);
                if (isAboutTheRecord(exception)) {
                    refusal.compareAndSet(null, Map.entry(index, exception));
                }
            }
        }

        /** Tells the processor which output Kafka refused, if one was. */
        void reportRefusal(BatchProcessor processor) {
            Map.Entry<Integer, Exception> refused = refusal.get();
            if (refused != null) {
                processor.refused(refused.getKey(), refused.getValue());
            }
        }

        /** Failures that sending the same record again would repeat. */
        private static boolean isAboutTheRecord(Exception exception) {
            return exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
                    || exception instanceof InvalidTimestampException || exception instanceof InvalidRecordException
                    || exception instanceof CorruptRecordException
                    || exception instanceof org.apache.kafka.common.errors.SerializationException;
        }

        void throwIfAny() {
            Exception failure = first.get();
            if (failure != null) {
                throw failure instanceof KafkaException kafka ? kafka
                        : new KafkaException("a record was not stored", failure);
            }
        }
    }
}
