package dev.anomaly.detector.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnstableOffsetCommitException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The loop's failure paths with Kafka's mock clients: a consumer backed by a little log (so a rewind reads
 * records again, as from a broker) and producers whose committed transactions commit the offsets too.
 */
class TransactionalLoopTest {
    private static final String TOPIC = "in";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final AtomicLong clock = new AtomicLong();
    private final ShutdownSignal stop = ShutdownSignal.manual(() -> { });
    private final List<String> warnings = new ArrayList<>();
    private final LogConsumer consumer = new LogConsumer("earliest");
    private final List<BrokerProducer> producers = new ArrayList<>();
    private final Recorder processor = new Recorder();

    @Test
    void aTimedOutCommitIsSettledByANewProducerAndTheBatchIsReadAgainOnce() {
        consumer.append(P0, 3);
        consumer.afterPolls(1, () -> consumer.append(P0, 2));
        failNextCommits(1, () -> new TimeoutException("Timeout expired after 30000ms while awaiting EndTxn"),
                // What the real producer does after a commit timed out: it must be retried, not aborted.
                () -> new IllegalStateException("Cannot attempt operation `abortTransaction` because the previous "
                        + "call to `commitTransaction` timed out and must be retried"));
        consumer.afterPolls(6, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
        assertThat(producers).hasSize(2);
        assertThat(producers.get(0).closed()).isTrue();
        assertThat(processor.aborted).isEqualTo(1);
        assertThat(consumer.committed(java.util.Set.of(P0)).get(P0).offset()).isEqualTo(5);
    }

    @Test
    void aBatchWhoseOffsetsTimedOutIsReadAgainFromWhatTheGroupCommittedEvenWhenTheConsumerCannotSay() {
        // After an outage the consumer's offset fetch was seen to time out for minutes: the group is asked
        // another way.
        consumer.append(P0, 3);
        consumer.append(P1, 2);
        consumer.assignAtFirstPoll(List.of(P0, P1));
        consumer.committedFailure = () -> new TimeoutException("Timeout of 30000ms expired before the last "
                + "committed offset for partitions [in-0, in-1] could be determined");
        failNextOffsetSends(1, () -> new TimeoutException("SendOffsetsToTransaction timed out"), null);
        consumer.afterPolls(4, stop::request);

        loop(Takeover.NEVER, false).readingCommittedOffsetsWith(consumer::committed).run(stop);

        assertThat(committedOutputs()).containsExactlyInAnyOrder("0:0", "0:1", "0:2", "1:0", "1:1");
        assertThat(producers).as("the same producer goes on").hasSize(1);
    }

    @Test
    void aCommitTheBrokerAbortedAfterAcknowledgingItIsReadAgain() {
        // Seen in BrokerOutageIT: a commit acknowledged just before the broker stopped was aborted when it came
        // back, and the next batch timed out. Reading that batch again from where it started, as the loop
        // once did, lost the aborted batch's events.
        consumer.append(P0, 3);
        consumer.afterPolls(1, () -> consumer.append(P0, 2));
        consumer.afterPolls(2, () -> {
            producers.get(0).committed.removeIf(record -> List.of("0:3", "0:4").contains(
                    new String(record.value(), StandardCharsets.UTF_8)));
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(3)));
            consumer.append(P0, 2);
            failNextOffsetSends(1, () -> new TimeoutException("SendOffsetsToTransaction timed out"), null);
        });
        consumer.afterPolls(6, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4", "0:5", "0:6");
    }

    @Test
    void aBatchWhoseOffsetsTimedOutWithAProducerThatCannotAbortIsReadAgainOnce() {
        // Seen against a real broker after an outage: the offsets' send timed out, the producer could not abort
        // and was replaced, and the consumer could not say what was committed. The other reader's answer is the
        // stable view (an unstable one once lacked the previous batch's commit and repeated it).
        consumer.append(P0, 3);
        consumer.afterPolls(1, () -> consumer.append(P0, 2));
        consumer.afterPolls(2, () -> {
            consumer.append(P0, 2);
            failNextOffsetSends(1, () -> new TimeoutException("SendOffsetsToTransaction timed out"),
                    () -> new IllegalStateException("Cannot attempt operation `abortTransaction` because the "
                            + "previous call to `sendOffsetsToTransaction` timed out and must be retried"));
        });
        consumer.committedFailure = () -> new TimeoutException("Timeout of 30000ms expired before the last "
                + "committed offset for partitions [in-0] could be determined");
        consumer.afterPolls(12, stop::request);

        loop(Takeover.NEVER, false)
                .readingCommittedOffsetsWith(consumer::committed)
                .run(stop);

        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4", "0:5", "0:6");
        assertThat(producers).as("the producer that could not abort is replaced").hasSize(2);
    }

    @Test
    void aCommitThatLandedThoughTheClientSawItFailIsNotRepeated() {
        // The broker committed, the reply was lost, and the abort that follows only bumps the producer's epoch.
        consumer.append(P0, 3);
        consumer.afterPolls(1, () -> consumer.append(P0, 2));
        failNextCommits(1, () -> new KafkaException("Broker: the reply to EndTxn was lost"), null);
        failedCommitsLand = true;
        consumer.afterPolls(6, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
    }

    @Test
    void anAnswerThatLeavesAPendingPartitionOutIsAskedAgainNotTakenAsTheBatchStart() {
        // The first batch committed; the second's commit outcome is unknown and the group's answer leaves the
        // partition out while that commit settles. Taking "left out" as "never committed" repeats batch one.
        consumer.append(P0, 3);
        consumer.afterPolls(1, () -> {
            consumer.append(P0, 2);
            failNextCommits(1, () -> new KafkaException("Broker: the reply to EndTxn was lost"), null);
        });
        failedCommitsLand = true;
        consumer.committedFailure = () -> new TimeoutException("Timeout of 30000ms expired before the last "
                + "committed offset for partitions [in-0] could be determined");
        AtomicInteger answers = new AtomicInteger();
        consumer.afterPolls(8, stop::request);

        loop(Takeover.NEVER, false).readingCommittedOffsetsWith(partitions -> {
            if (answers.incrementAndGet() == 1) {
                throw new UnstableOffsetCommitException("the committed offset of in-0 is not settled yet");
            }
            return consumer.committed(partitions);
        }).run(stop);

        assertThat(answers).hasValue(2);
        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
    }

    @Test
    void offsetsTheBrokerLeavesPendingForGoodAreSettledFromWhatTheLoopSawCommitted() {
        // Seen in BrokerOutageIT: after a restart the group answered "unstable" for ten minutes and more, to the
        // consumer and to the admin reader alike.
        consumer.append(P0, 3);
        consumer.afterPolls(1, () -> {
            consumer.append(P0, 2);
            failNextCommits(1, () -> new TimeoutException("Timeout expired after 30000ms while awaiting EndTxn"),
                    null);
        });
        consumer.committedFailure = () -> new TimeoutException("Timeout of 5000ms expired before the last "
                + "committed offset for partitions [in-0] could be determined");
        AtomicInteger stableAnswers = new AtomicInteger();
        consumer.afterPolls(6, stop::request);

        loop(Takeover.NEVER, false)
                .readingCommittedOffsetsWith(partitions -> {
                    stableAnswers.incrementAndGet();
                    throw new UnstableOffsetCommitException("the committed offset of in-0 is not settled yet");
                })
                .run(stop);

        assertThat(stableAnswers).as("the stable view is asked first, for a while").hasValueGreaterThan(1);
        assertThat(warnings).anyMatch(line -> line.contains("stayed pending for 10 s")
                && line.contains("reading the failed batch again from where it started, {in-0=3}, so that its commit completes"));
        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
        assertThat(consumer.committed(java.util.Set.of(P0)).get(P0).offset()).isEqualTo(5);
    }

    @Test
    void aProducerThatCanNoLongerBeginATransactionIsReplaced() {
        consumer.append(P0, 3);
        brokenProducers = 1;
        consumer.afterPolls(4, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2");
        assertThat(producers).hasSize(2);
        assertThat(producers.get(0).closed()).isTrue();
    }

    @Test
    void credentialsRefusedWhileReadingTheCommittedOffsetsStopTheLoop() {
        consumer.append(P0, 3);
        failNextCommits(1, () -> new KafkaException("Broker: the reply to EndTxn was lost"), null);
        AtomicInteger refusals = new AtomicInteger();
        consumer.committedFailure = () -> {
            // A guard, not the expectation: a loop that retries this forever would otherwise never end.
            if (refusals.incrementAndGet() == 5) {
                stop.request();
            }
            return new GroupAuthorizationException("Not authorized to access group: detect");
        };

        AtomicInteger askedElsewhere = new AtomicInteger();

        assertThatThrownBy(() -> loop(Takeover.NEVER, false).readingCommittedOffsetsWith(partitions -> {
            askedElsewhere.incrementAndGet();
            return Map.of();
        }).run(stop)).isInstanceOf(LoopStoppedException.class).hasMessageContaining("Not authorized to access group");
        assertThat(refusals).hasValue(1);
        assertThat(askedElsewhere).as("refused credentials are not a reason to ask another way").hasValue(0);
    }

    @Test
    void whenTheConsumerCannotSayWhatIsCommittedTheGroupIsAskedAnotherWay() {
        consumer.append(P0, 3);
        consumer.afterPolls(1, () -> consumer.append(P0, 2));
        failNextCommits(1, () -> new TimeoutException("Timeout expired after 30000ms while awaiting EndTxn"),
                () -> new IllegalStateException("previous call to commitTransaction timed out and must be retried"));
        consumer.committedFailure = () -> new TimeoutException("Timeout of 30000ms expired before the last "
                + "committed offset for partitions [in-0] could be determined");
        List<java.util.Set<TopicPartition>> asked = new ArrayList<>();
        consumer.afterPolls(6, stop::request);

        loop(Takeover.NEVER, false).readingCommittedOffsetsWith(partitions -> {
            asked.add(partitions);
            // What the stand-in broker committed: nothing yet, the first transaction never completed.
            return consumer.committed(partitions);
        }).run(stop);

        assertThat(asked).containsExactly(java.util.Set.of(P0));
        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
    }

    @Test
    void aBatchAbortedBeforeAnythingWasCommittedIsReadAgainFromWhereItStarted() {
        // --from latest: the partition has no committed offset, and its end moves on while the batch fails.
        LogConsumer latest = new LogConsumer("latest");
        latest.assignAtFirstPoll(List.of(P0));
        latest.afterPolls(1, () -> latest.append(P0, 3));
        latest.afterPolls(2, () -> latest.append(P0, 4));
        failNextCommits(1, () -> new KafkaException("Broker: coordinator not available"), null);
        latest.afterPolls(8, stop::request);

        new TransactionalLoop(latest, this::newProducer, settings(false), processor, Takeover.NEVER, warnings::add,
                clock::get).pausingWith(this::advanceClock).run(stop);

        assertThat(committedOutputs()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4", "0:5", "0:6");
    }

    @Test
    void aFenceWithoutAnotherInstanceIsRecoveredFrom() {
        consumer.append(P0, 2);
        failNextCommits(1, () -> new ProducerFencedException("There is a newer producer with the same transactionalId"),
                null);
        consumer.afterPolls(5, stop::request);

        loop(fixedTakeover(false), false).run(stop);

        assertThat(committedOutputs()).containsExactly("0:0", "0:1");
        assertThat(warnings).noneMatch(line -> line.contains("took over"));
    }

    @Test
    void aRealTakeoverStopsTheLoopWithThatMessage() {
        consumer.append(P0, 2);
        failNextCommits(1, () -> new ProducerFencedException("There is a newer producer with the same transactionalId"),
                null);

        assertThatThrownBy(() -> loop(fixedTakeover(true), false).run(stop))
                .isInstanceOf(LoopStoppedException.class)
                .hasMessage("another instance took over");
        assertThat(committedOutputs()).isEmpty();
    }

    @Test
    void refusedCredentialsStopTheLoop() {
        consumer.append(P0, 1);
        failNextCommits(1, () -> new TopicAuthorizationException("Not authorized to access topics: [out]"), null);

        assertThatThrownBy(() -> loop(Takeover.NEVER, false).run(stop)).isInstanceOf(LoopStoppedException.class)
                .hasMessageContaining("Not authorized");
    }

    @Test
    void anOutageOfAnyLengthIsWaitedOutWithALineEveryTenSecondsAtMost() {
        consumer.append(P0, 2);
        failNextCommits(1, () -> new TimeoutException("Timeout expired while awaiting EndTxn"),
                () -> new IllegalStateException("previous call to commitTransaction timed out"));
        // The broker stays away for a simulated five minutes: every new producer fails to initialise.
        AtomicInteger refusals = new AtomicInteger();
        producerFailure = () -> clock.get() < Duration.ofMinutes(5).toNanos()
                ? new TimeoutException("Timeout expired after 30000ms while awaiting InitProducerId " + refusals.incrementAndGet())
                : null;
        consumer.afterPolls(6, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(committedOutputs()).containsExactly("0:0", "0:1");
        assertThat(refusals.get()).as("attempts during the outage").isGreaterThan(50);
        assertThat(warnings.size()).as("lines for %s attempts over five minutes", refusals.get())
                .isLessThanOrEqualTo(1 + (int) (Duration.ofMinutes(5).toSeconds() / 10) + 1);
    }

    @Test
    void aRebalanceTellsTheProcessorWhichPartitionsCameAndWent() {
        consumer.assignAtFirstPoll(List.of(P0, P1));
        consumer.append(P0, 1);
        consumer.append(P1, 1);
        consumer.afterPolls(2, () -> consumer.rebalance(List.of(P1)));
        consumer.afterPolls(4, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(processor.events).containsSubsequence("assigned [in-0, in-1]", "revoked [in-0]");
        assertThat(committedOutputs()).containsExactlyInAnyOrder("0:0", "1:0");
    }

    @Test
    void failFastEndsTheRunAtTheFirstFailure() {
        consumer.append(P0, 1);
        failNextCommits(1, () -> new KafkaException("Broker: coordinator not available"), null);

        assertThatThrownBy(() -> loop(Takeover.NEVER, true).run(stop)).isInstanceOf(LoopStoppedException.class);
    }

    @Test
    void aProcessorBugStopsTheLoopInsteadOfRetryingForever() {
        consumer.append(P0, 1);
        processor.failWith = new IllegalStateException("a bug");

        assertThatThrownBy(() -> loop(Takeover.NEVER, false).run(stop)).isInstanceOf(LoopStoppedException.class)
                .hasMessageContaining("a bug");
        assertThat(processor.aborted).isZero();
    }

    @Test
    void anOutputKafkaRefusesIsNamedToTheProcessorAndTheBatchIsReadAgainAfterABackoff() {
        consumer.append(P0, 3);
        processor.refuseOutput = 1;
        consumer.afterPolls(5, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(processor.refusals).containsExactly("1: RecordTooLargeException");
        assertThat(committedOutputs()).as("the refused record replaced on the second try").containsExactly("0:0",
                "0:1 refused before", "0:2");
        assertThat(clock.get()).as("waited before reading again").isGreaterThanOrEqualTo(
                Backoff.FIRST.toNanos());
    }

    @Test
    void aBatchWhoseLastSendFailedIsReadAgainFromWhatTheGroupCommitted() {
        // The send's callback failed before the commit was asked for (a mock acknowledges at once).
        consumer.append(P0, 3);
        processor.refuseOutput = 2;
        consumer.afterPolls(5, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(processor.refusals).containsExactly("2: RecordTooLargeException");
        assertThat(committedOutputs()).containsExactly("0:0", "0:1 refused before", "0:2");
    }


    @Test
    void anOutputTheBrokerRefusesWhileTheCommitWaitsIsNamedAndTheBatchReadAgain() {
        // As the real client does: the send is acknowledged only while the commit waits, the refused record's
        // callback runs first (Sender.failBatch), then the commit fails with the refusal.
        asyncSends = true;
        consumer.append(P0, 3);
        processor.refuseOutput = 1;
        consumer.afterPolls(5, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(processor.refusals).containsExactly("1: RecordTooLargeException");
        assertThat(committedOutputs()).containsExactly("0:0", "0:1 refused before", "0:2");
        assertThat(producers).as("the abort succeeded").hasSize(1);
    }

    @Test
    void aRefusalCalledBackOnlyAfterTheCommitFailedIsStillNamed() {
        // The other order (older clients, or a failure the transaction manager learns of first): the commit
        // throws before the refused send's callback, which runs during the abort.
        asyncSends = true;
        commitFailsBeforeCallbacks = true;
        consumer.append(P0, 3);
        processor.refuseOutput = 1;
        consumer.afterPolls(8, stop::request);

        loop(Takeover.NEVER, false).run(stop);

        assertThat(processor.refusals).containsExactly("1: RecordTooLargeException");
        assertThat(committedOutputs()).containsExactly("0:0", "0:1 refused before", "0:2");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Sends are acknowledged only when flushed, committed or aborted, not in send(). */
    private boolean asyncSends;
    /** The commit fails before the refused send's callback runs (which then runs during the abort). */
    private boolean commitFailsBeforeCallbacks;

    private java.util.function.Supplier<RuntimeException> commitFailure;
    private java.util.function.Supplier<RuntimeException> abortFailure;
    private int commitFailuresLeft;
    /** Whether a commit made to fail lands on the stand-in broker all the same (its reply lost). */
    private boolean failedCommitsLand;
    private java.util.function.Supplier<RuntimeException> producerFailure = () -> null;
    /** How many of the first producers made can no longer begin a transaction, as after a fatal error. */
    private int brokenProducers;

    private java.util.function.Supplier<RuntimeException> offsetsFailure;
    private int offsetsFailuresLeft;

    private void failNextOffsetSends(int count, java.util.function.Supplier<RuntimeException> offsets,
                                     java.util.function.Supplier<RuntimeException> abort) {
        offsetsFailuresLeft = count;
        offsetsFailure = offsets;
        abortFailure = abort;
    }

    private void failNextCommits(int count, java.util.function.Supplier<RuntimeException> commit,
                                 java.util.function.Supplier<RuntimeException> abort) {
        commitFailuresLeft = count;
        commitFailure = commit;
        abortFailure = abort;
    }

    private TransactionalLoop loop(Takeover takeover, boolean failFast) {
        consumer.assignAtFirstPollIfUnset(List.of(P0));
        return new TransactionalLoop(consumer, this::newProducer, settings(failFast), processor, takeover,
                warnings::add, clock::get).pausingWith(this::advanceClock);
    }

    private static LoopSettings settings(boolean failFast) {
        return new LoopSettings(List.of(TOPIC), Guarantee.EXACTLY_ONCE, Duration.ofMillis(10), Duration.ofSeconds(5),
                null, failFast);
    }

    private void advanceClock(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    private Producer<byte[], byte[]> newProducer() {
        RuntimeException refused = producerFailure.get();
        if (refused != null) {
            throw refused;
        }
        BrokerProducer producer = new BrokerProducer(producers.size() < brokenProducers);
        producer.initTransactions();
        producers.add(producer);
        return producer;
    }

    private List<String> committedOutputs() {
        List<String> outputs = new ArrayList<>();
        for (BrokerProducer producer : producers) {
            producer.committed.forEach(record -> outputs.add(new String(record.value(), StandardCharsets.UTF_8)));
        }
        return outputs;
    }

    private static Takeover fixedTakeover(boolean happened) {
        return new Takeover() {
            @Override
            public boolean happened() {
                return happened;
            }

            @Override
            public String describe() {
                return "another instance took over";
            }
        };
    }

    /** A producer whose committed transactions also commit their offsets, as the broker does. */
    private final class BrokerProducer extends MockProducer<byte[], byte[]> {
        private final List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();
        private final List<ProducerRecord<byte[], byte[]>> inFlight = new ArrayList<>();
        private RuntimeException refusedInFlight() {
            return inFlight.stream().anyMatch(r -> r.key() != null)
                    ? new RecordTooLargeException("too large") : null;
        }
        /** What the Sender does with the produce responses: each callback in order, the refused one failed. */
        private void completeInFlight() {
            for (ProducerRecord<byte[], byte[]> r : inFlight) {
                if (r.key() != null) {
                    errorNext(new RecordTooLargeException("too large"));
                } else {
                    completeNext();
                }
            }
            inFlight.clear();
        }

        @Override
        public synchronized void flush() {
            if (asyncSends) {
                completeInFlight();
            }
            super.flush();
        }
        private final List<ProducerRecord<byte[], byte[]>> committed = new ArrayList<>();
        private Map<TopicPartition, OffsetAndMetadata> offsets = Map.of();
        private boolean commitTimedOut;
        private final boolean broken;

        BrokerProducer(boolean broken) {
            super(!asyncSends, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.broken = broken;
        }

        @Override
        public void beginTransaction() {
            if (broken) {
                throw new KafkaException("TransactionalId detect: Cannot execute transactional method because we "
                        + "are in an error state");
            }
            super.beginTransaction();
        }

        @Override
        public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                ProducerRecord<byte[], byte[]> record, org.apache.kafka.clients.producer.Callback callback) {
            if (asyncSends) {
                inFlight.add(record);
                if (record.key() == null) {
                    pending.add(record);
                }
                return super.send(record, callback);
            }
            if (record.key() != null) {
                // The stand-in's way of marking a record the broker refuses for itself.
                RuntimeException tooLarge = new RecordTooLargeException("too large");
                callback.onCompletion(null, tooLarge);
                return java.util.concurrent.CompletableFuture.failedFuture(tooLarge);
            }
            pending.add(record);
            return super.send(record, callback);
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> newOffsets,
                                             ConsumerGroupMetadata group) {
            if (offsetsFailuresLeft > 0) {
                offsetsFailuresLeft--;
                commitTimedOut = abortFailure != null;
                throw offsetsFailure.get();
            }
            super.sendOffsetsToTransaction(newOffsets, group);
            offsets = new HashMap<>(newOffsets);
        }

        @Override
        public void commitTransaction() {
            if (asyncSends) {
                RuntimeException refused = refusedInFlight();
                if (refused != null) {
                    if (commitFailsBeforeCallbacks) {
                        throw new KafkaException("Cannot execute transactional method because we are in an error state",
                                refused);
                    }
                    completeInFlight();
                    throw refused;
                }
            }
            if (commitFailuresLeft > 0) {
                commitFailuresLeft--;
                commitTimedOut = abortFailure != null;
                if (failedCommitsLand) {
                    committed.addAll(pending);
                    consumer.commitSync(offsets);
                }
                throw commitFailure.get();
            }
            super.commitTransaction();
            committed.addAll(pending);
            pending.clear();
            consumer.commitSync(offsets);
        }

        @Override
        public void abortTransaction() {
            if (asyncSends) {
                completeInFlight();
            }
            pending.clear();
            if (commitTimedOut) {
                throw abortFailure.get();
            }
            super.abortTransaction();
        }
    }

    /** One output per input ("partition:offset"), and a diary of what the loop told it. */
    private static final class Recorder implements BatchProcessor {
        private final List<String> events = new ArrayList<>();
        private final List<String> refusals = new ArrayList<>();
        private int aborted;
        private RuntimeException failWith;
        /** The index of an output the broker stand-in refuses as too large, until the processor is told. */
        private int refuseOutput = -1;

        @Override
        public void process(ConsumerRecords<byte[], byte[]> records, Consumer<ProducerRecord<byte[], byte[]>> out) {
            if (failWith != null) {
                throw failWith;
            }
            int index = 0;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String value = record.partition() + ":" + record.offset();
                if (!refusals.isEmpty() && index == 1) {
                    value += " refused before";
                }
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                out.accept(new ProducerRecord<>("out", index++ == refuseOutput && refusals.isEmpty()
                        ? new byte[] {'x'} : null, bytes));
            }
        }

        @Override
        public void refused(int output, Exception cause) {
            refusals.add(output + ": " + cause.getClass().getSimpleName());
        }

        @Override
        public void aborted() {
            aborted++;
            events.add("aborted");
        }

        @Override
        public void assigned(Collection<TopicPartition> partitions) {
            events.add("assigned " + partitions.stream().sorted(java.util.Comparator.comparing(Object::toString))
                    .toList());
        }

        @Override
        public void revoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                events.add("revoked " + partitions.stream().sorted(java.util.Comparator.comparing(Object::toString))
                        .toList());
            }
        }
    }

    /**
     * A mock consumer over a little log: before each poll it offers every logged record from the current
     * position on, so seeking back reads records again, as from a broker.
     */
    private static final class LogConsumer extends MockConsumer<byte[], byte[]> {
        private final Map<TopicPartition, List<byte[]>> log = new HashMap<>();
        private final Map<Integer, List<Runnable>> scheduled = new HashMap<>();
        private List<TopicPartition> initial;
        private int polls;
        /** When set, what asking for the committed offsets with a timeout throws. */
        private java.util.function.Supplier<RuntimeException> committedFailure;

        LogConsumer(String resetStrategy) {
            super(resetStrategy);
            updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            updateEndOffsets(Map.of(P0, 0L, P1, 0L));
        }

        void append(TopicPartition partition, int count) {
            List<byte[]> records = log.computeIfAbsent(partition, p -> new ArrayList<>());
            for (int i = 0; i < count; i++) {
                records.add(("v" + records.size()).getBytes(StandardCharsets.UTF_8));
            }
            updateEndOffsets(Map.of(partition, (long) records.size()));
        }

        void assignAtFirstPoll(List<TopicPartition> partitions) {
            initial = partitions;
        }

        void assignAtFirstPollIfUnset(List<TopicPartition> partitions) {
            if (initial == null) {
                initial = partitions;
            }
        }

        /** Runs {@code action} before poll number {@code poll} (1-based). */
        void afterPolls(int poll, Runnable action) {
            scheduled.computeIfAbsent(poll + 1, p -> new ArrayList<>()).add(action);
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(java.util.Set<TopicPartition> partitions,
                                                                          Duration timeout) {
            if (committedFailure != null) {
                throw committedFailure.get();
            }
            return super.committed(partitions, timeout);
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            polls++;
            if (polls == 1 && initial != null) {
                rebalance(initial);
            }
            scheduled.getOrDefault(polls, List.of()).forEach(Runnable::run);
            for (TopicPartition partition : assignment()) {
                if (paused().contains(partition)) {
                    continue;
                }
                List<byte[]> records = log.getOrDefault(partition, List.of());
                for (long offset = position(partition); offset < records.size(); offset++) {
                    addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset, new byte[] {1},
                            records.get((int) offset)));
                }
            }
            return super.poll(timeout);
        }
    }
}
