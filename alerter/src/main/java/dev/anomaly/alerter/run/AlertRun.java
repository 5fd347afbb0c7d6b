package dev.anomaly.alerter.run;

import dev.anomaly.alerter.delivery.Deliverer;
import dev.anomaly.alerter.delivery.DeliveryStoppedException;
import dev.anomaly.alerter.delivery.SlackRejectedException;
import dev.anomaly.alerter.event.Anomaly;
import dev.anomaly.alerter.event.AnomalyJson;
import dev.anomaly.alerter.event.SourcePosition;
import dev.anomaly.alerter.grouping.AlertGrouper;
import dev.anomaly.alerter.grouping.Decisions;
import dev.anomaly.alerter.grouping.Notification;
import dev.anomaly.alerter.slack.MessageRenderer;
import dev.anomaly.alerter.slack.SlackMessage;
import dev.anomaly.alerter.time.EventClock;
import dev.anomaly.common.cli.ExitException;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.kafka.KafkaConnectivity;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The alert loop: poll anomalies, group them in event time, deliver the messages that become due, and
 * commit each partition up to the first anomaly Slack has not accepted yet. Runs until Ctrl-C, a
 * rejection by Slack, or (with {@code exitWhenIdle}) until everything is reported.
 */
public final class AlertRun {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_REASON = 100;

    private final Consumer<String, byte[]> consumer;
    private final RunSettings settings;
    private final AlertGrouper grouper;
    private final EventClock clock;
    private final MessageRenderer renderer;
    private final Deliverer deliverer;
    private final Console console;
    private final String servers;
    private final OffsetLedger ledger = new OffsetLedger();
    private final AlertStats stats = new AlertStats();
    private PausedPollWaiter waiter;
    private long lastActivity = System.nanoTime();

    /**
     * @param servers the bootstrap servers, for error messages
     */
    public AlertRun(Consumer<String, byte[]> consumer, RunSettings settings, AlertGrouper grouper, EventClock clock,
                    MessageRenderer renderer, Deliverer deliverer, Console console, String servers) {
        this.consumer = consumer;
        this.settings = settings;
        this.grouper = grouper;
        this.clock = clock;
        this.renderer = renderer;
        this.deliverer = deliverer;
        this.console = console;
        this.servers = servers;
    }

    /**
     * Runs until a stop is requested, Slack rejects a message, or the run is idle (if asked to stop then).
     *
     * @throws ExitException when Slack rejects a message or Kafka fails; the anomalies not yet reported
     *     stay uncommitted
     */
    public void run(ShutdownSignal stop) {
        waiter = new PausedPollWaiter(consumer, stop);
        try {
            start();
            while (!stop.isRequested()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                boolean caughtUp = caughtUp();
                if (caughtUp) {
                    clock.unfreeze();
                } else {
                    clock.freeze();
                }
                if (!records.isEmpty()) {
                    lastActivity = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    handle(record);
                }
                clock.now().ifPresent(now -> apply(grouper.advance(now)));
                commit();
                if (idleLongEnough(caughtUp && records.isEmpty())) {
                    console.info("Everything read is reported and every episode resolved; exiting (--exit-when-idle).");
                    return;
                }
            }
        } catch (WakeupException | DeliveryStoppedException stopped) {
            // Ctrl-C: a clean stop; what is not reported stays uncommitted for the next run.
        } catch (SlackRejectedException e) {
            throw ExitException.failure(e.getMessage() + "; " + ledger.pending()
                    + " anomalies not reported stay uncommitted and are reported after a restart with a fixed "
                    + "configuration");
        } catch (KafkaException e) {
            throw KafkaConnectivity.describe(servers, settings.kafkaTimeout(), e);
        } finally {
            finalCommit();
            stats.retries(deliverer.retries());
        }
    }

    /** What the run did so far. */
    public AlertStats stats() {
        return stats;
    }

    private void start() {
        if (!settings.dryRun()) {
            consumer.subscribe(List.of(settings.topic()), new Rebalance());
            return;
        }
        // A dry run reads where the group stands without joining it, and never commits.
        List<TopicPartition> partitions = consumer.partitionsFor(settings.topic(), settings.kafkaTimeout()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        restore(partitions);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        SourcePosition position = new SourcePosition(record.partition(), record.offset());
        if (ledger.alreadyReported(position)) {
            ledger.consumed(position);
            ledger.covered(position);
            stats.alreadyReported();
            return;
        }
        ledger.consumed(position);
        stats.consumed();
        Anomaly anomaly;
        try {
            anomaly = AnomalyJson.parse(record.value());
        } catch (IllegalArgumentException e) {
            console.info("warning: skipped record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": not an anomaly (" + shorten(e.getMessage()) + ")");
            stats.unreadable();
            ledger.covered(position);
            return;
        }
        clock.observe(anomaly.timestamp());
        apply(grouper.offer(anomaly, position, clock.now().orElseThrow()));
    }

    private void apply(Decisions decisions) {
        decisions.covered().forEach(ledger::covered);
        stats.decided(decisions);
        for (Notification notification : decisions.notifications()) {
            SlackMessage message = renderer.render(notification);
            // Time spent waiting for Slack is not silence of the hosts.
            clock.freeze();
            deliverer.deliver(message, waiter);
            notification.covers().forEach(ledger::covered);
            stats.sent(notification.kind());
            lastActivity = System.nanoTime();
            if (!settings.dryRun()) {
                console.result("Sent: " + message.text());
            }
            commit();
        }
    }

    /** Whether every assigned partition is read to its end (records not read yet are not silence). */
    private boolean caughtUp() {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return false;
        }
        for (TopicPartition partition : assignment) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private boolean idleLongEnough(boolean quiet) {
        Optional<Duration> idle = settings.exitWhenIdle();
        if (idle.isEmpty() || !quiet || !grouper.isIdle() || ledger.pending() > 0) {
            return false;
        }
        return System.nanoTime() - lastActivity >= idle.get().toNanos();
    }

    private void commit() {
        if (settings.dryRun()) {
            return;
        }
        Map<Integer, CommitPoint> due = ledger.dueCommits();
        if (due.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        due.forEach((partition, point) -> offsets.put(new TopicPartition(settings.topic(), partition),
                new OffsetAndMetadata(point.offset(), point.metadata())));
        try {
            consumer.commitSync(offsets);
            ledger.committed(due);
            if (settings.verbose()) {
                console.info("Committed " + describe(due));
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved to another member, which reads them from the last commit: repeats, no loss.
            console.info("warning: commit failed (" + e.getClass().getSimpleName() + "); the group's new owner of "
                    + "those partitions resumes from the previous commit");
        }
    }

    private void finalCommit() {
        try {
            commit();
        } catch (WakeupException pendingWakeup) {
            // Ctrl-C's wakeup was still pending; it is consumed now, so the commit goes through.
            commit();
        } catch (KafkaException e) {
            console.info("warning: final commit failed: " + e.getMessage()
                    + "; the next run repeats what was sent since the last commit");
        }
    }

    private void restore(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
                consumer.committed(Set.copyOf(partitions), settings.kafkaTimeout());
        for (TopicPartition partition : partitions) {
            Optional<CommitPoint> point = Optional.ofNullable(committed.get(partition))
                    .map(offset -> new CommitPoint(offset.offset(), offset.metadata() == null ? "" : offset.metadata()));
            long reported = ledger.assigned(partition.partition(), point);
            if (settings.verbose()) {
                console.info("Assigned " + partition + ", resuming at "
                        + point.map(p -> "offset " + p.offset()).orElse("the earliest offset")
                        + (reported > 0 ? "; " + reported + " anomalies above it were reported before" : ""));
            }
        }
    }

    private static String shorten(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }

    private static String describe(Map<Integer, CommitPoint> points) {
        return points.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> "partition " + entry.getKey() + " at " + entry.getValue().offset())
                .collect(Collectors.joining(", "));
    }

    /**
     * Keeps the ledger in step with the partitions this member owns. A partition revoked and assigned back
     * (Kafka's default eager rebalancing revokes everything) resumes where this run was, so the anomalies
     * in open groups are not read, and counted, twice.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final Set<Integer> revoked = new HashSet<>();

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                OptionalLong resume = ledger.resumeOffset(partition.partition());
                if (revoked.remove(partition.partition()) && resume.isPresent()) {
                    consumer.seek(partition, resume.getAsLong());
                    if (settings.verbose()) {
                        console.info("Kept " + partition + " through the rebalance, resuming at offset "
                                + resume.getAsLong());
                    }
                } else {
                    fresh.add(partition);
                }
            }
            // Gone to another member, which reads them from the last commit and reports what is pending.
            for (int partition : revoked) {
                ledger.forget(partition);
                grouper.forget(partition);
            }
            revoked.clear();
            restore(fresh);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit();
            if (settings.verbose() && !partitions.isEmpty()) {
                console.info("Rebalance: partitions revoked " + partitions);
            }
            partitions.forEach(partition -> revoked.add(partition.partition()));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> revoked.add(partition.partition()));
        }
    }
}
