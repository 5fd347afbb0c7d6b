package dev.anomaly.detector.loop;

import dev.anomaly.common.console.ThrottledLog;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.UnstableOffsetCommitException;
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
 * settles the old transaction) and reads again from what the group committed, as its stable view gives it,
 * every partition this member has read since it got it (one never committed: from the first offset read).
 * Not from memory: a commit may have landed though the client saw it fail, and a broker stopped just after
 * acknowledging one may bring it back undecided (KAFKA-20734), to be committed or aborted by this producer's
 * next marker. Only when the group answers "pending" for twice the Kafka timeout does the loop read the failed
 * batch again from where it started, so that its commit decides the pending one with it. Between attempts the
 * loop backs off
 * (capped), polling with every partition paused so the group keeps this member; one attempt may block for
 * up to the Kafka timeout per call it makes. The processor is told, so its state follows. With
 * {@code failFast} (the bench) the first failure ends the run instead.
 */
public final class TransactionalLoop {
    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final LoopSettings settings;
    private final BatchProcessor processor;
    private final ThrottledLog warnings;
    private final Consumer<String> rawWarnings;
    private final LongSupplier nanoTime;
    private final LoopFailures failures;
    private final Backoff backoff = new Backoff();
    private Pause pause;
    private CommittedOffsets committedElsewhere;
    private final OutputProducer output;
    /**
     * The first offset read of each partition since this member got it: where a partition the group never
     * committed is read again from.
     */
    private final Map<TopicPartition, Long> firstReads = new HashMap<>();
    /** Where the current batch started, for the partitions this member kept since it was read. */
    private final Map<TopicPartition, Long> batchStarts = new HashMap<>();
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
        this.settings = Objects.requireNonNull(settings, "settings");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.failures = new LoopFailures(settings.failFast(), Objects.requireNonNull(takeover, "takeover"));
        this.warnings = new ThrottledLog(warnings, nanoTime);
        this.rawWarnings = warnings;
        this.output = new OutputProducer(Objects.requireNonNull(producers, "producers"), settings, this.warnings);
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
            if (!output.ensureStarted(stop, this::backOff)) {
                return;
            }
            consumer.subscribe(settings.topics(), new Rebalance());
            IdleStop idle = new IdleStop(settings.stopWhenIdle(), nanoTime);
            while (!stop.isRequested()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(settings.poll());
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    // Nothing to abort: nothing was read. Stop if it cannot be helped, else wait and poll again.
                    failures.stopIfHopeless(e, "poll");
                    warnings.log("Kafka poll failed (" + LoopFailures.describe(e) + "); retrying");
                    backOff();
                    continue;
                }
                processor.betweenBatches(records.isEmpty());
                if (records.isEmpty()) {
                    if (idle.reached(consumer)) {
                        break;
                    }
                    continue;
                }
                idle.records();
                try {
                    batchStarts.clear();
                    batchStarts.putAll(BatchPositions.starts(records));
                    batchStarts.forEach(firstReads::putIfAbsent);
                    output.commit(records, processor, consumer);
                    backoff.reset();
                } catch (WakeupException e) {
                    // Ctrl-C in the middle of an at-least-once commit: the batch is read again next time.
                    break;
                } catch (ProcessorFailure e) {
                    throw new LoopStoppedException("processing failed: " + e.getCause().getMessage(), e.getCause());
                } catch (RuntimeException e) {
                    failures.stopIfHopeless(e, "batch");
                    aborted++;
                    warnings.log("Batch failed (" + LoopFailures.describe(e) + "); reading it again");
                    recover(stop);
                    backOff();
                }
            }
        } catch (FencedInstanceIdException | AuthenticationException | AuthorizationException e) {
            // From a wait between retries, which polls.
            failures.stopIfHopeless(e, "poll");
            throw e;
        } finally {
            output.close();
        }
    }

    /** Aborts (or replaces) the producer, rewinds the consumer and tells the processor; retries until done. */
    private void recover(ShutdownSignal stop) {
        output.abandonBatch();
        output.reportLateRefusal(processor);
        processor.aborted();
        // A new producer's start settles the old transaction: committed if the commit reached the coordinator,
        // else aborted.
        output.ensureStarted(stop, this::backOff);
        long pendingSince = -1;
        while (!stop.isRequested()) {
            try {
                CommittedRewind rewind = new CommittedRewind(consumer, settings.kafkaTimeout(), committedElsewhere);
                if (committedElsewhere == null || pendingSince < 0
                        || nanoTime.getAsLong() - pendingSince < 2 * settings.kafkaTimeout().toNanos()) {
                    rewind.rewind(firstReads);
                    return;
                }
                // What this loop saw committed: the batch before the failed one. The broker left that commit's
                // offsets and records pending under our producer id, and the next marker we write decides them:
                // the commit of this batch read again commits them with it, its abort aborts them with it (and
                // the group's view then settles on where they started). Committing offsets alone first would
                // decide the offsets without the records.
                batchStarts.forEach(consumer::seek);
                // Not throttled: this line must not be lost among the retries before it.
                rawWarnings.accept("The group's committed offsets stayed pending for "
                        + 2 * settings.kafkaTimeout().toSeconds() + " s (a commit the broker did not complete); "
                        + "reading the failed batch again from where it started, " + batchStarts
                        + ", so that its commit completes the pending one");
                return;
            } catch (WakeupException e) {
                return;
            } catch (KafkaException | IllegalStateException e) {
                failures.stopIfHopeless(e, "reading the committed offsets");
                if (e instanceof UnstableOffsetCommitException && pendingSince < 0) {
                    pendingSince = nanoTime.getAsLong();
                }
                warnings.log("Cannot read the committed offsets yet (" + LoopFailures.describe(e) + "); retrying");
                backOff();
            }
        }
    }

    /** However it failed, not at once again: a failure that repeats must not spin. */
    private void backOff() {
        pause.await(backoff.next());
    }

    /** Keeps the processor's state in step with the partitions this member owns. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // A partition that came and went while a batch failed starts from what the group committed.
            firstReads.keySet().removeAll(partitions);
            batchStarts.keySet().removeAll(partitions);
            processor.revoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            firstReads.keySet().removeAll(partitions);
            batchStarts.keySet().removeAll(partitions);
            processor.assigned(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            firstReads.keySet().removeAll(partitions);
            batchStarts.keySet().removeAll(partitions);
            processor.revoked(partitions);
        }
    }
}
