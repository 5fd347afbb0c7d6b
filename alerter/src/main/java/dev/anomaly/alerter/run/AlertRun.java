package dev.anomaly.alerter.run;

import dev.anomaly.alerter.delivery.Deliverer;
import dev.anomaly.alerter.delivery.DeliveryStoppedException;
import dev.anomaly.alerter.delivery.SlackErrors;
import dev.anomaly.alerter.delivery.SlackRejectedException;
import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.AnomalyJson;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.alerting.grouping.Decisions;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.silence.Silence;
import dev.anomaly.alerting.silence.Silences;
import dev.anomaly.alerting.slack.MessageRenderer;
import dev.anomaly.alerting.slack.SlackMessage;
import dev.anomaly.alerting.time.EventClock;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.kafka.KafkaConnectivity;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The alert loop: poll anomalies, group them in event time, deliver the messages that become due, and
 * commit each partition up to the first anomaly Slack has not accepted yet. Runs until Ctrl-C, a refused
 * credential (Slack's or Kafka's), or (with {@code exitWhenIdle}) until everything is reported.
 *
 * <p>A broker outage of any length is waited out: commits that fail are tried again with the next. A
 * rebalance in the middle of a batch or of a delivery never makes it handle a record of a partition it no
 * longer owns, nor a record twice: the rest of the batch is read again from where it stopped, and a message
 * covering anomalies of a revoked partition is left to their new owner. A message Slack refuses for its
 * content goes to the undelivered topic instead.
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
    private final Optional<UndeliveredTopic> undelivered;
    private final Silences silences;
    private final SilencedHosts silenced = new SilencedHosts();
    private final OffsetLedger ledger = new OffsetLedger();
    private final AlertStats stats = new AlertStats();
    private final Ownership ownership;
    private final LedgerCommits commits;
    private final ReadProgress progress;
    private final OwnedBatches batches;
    private PausedPollWaiter waiter;
    private long lastActivity = System.nanoTime();
    private boolean ruleFeaturesChecked;

    /**
     * @param undelivered where messages Slack refuses for their content go; empty: such a refusal stops the run
     * @param servers the bootstrap servers, for error messages
     */
    public AlertRun(Consumer<String, byte[]> consumer, RunSettings settings, AlertGrouper grouper, EventClock clock,
                    MessageRenderer renderer, Deliverer deliverer, Console console, String servers,
                    Optional<UndeliveredTopic> undelivered, Silences silences) {
        this.consumer = consumer;
        this.settings = settings;
        this.grouper = grouper;
        this.clock = clock;
        this.renderer = renderer;
        this.deliverer = deliverer;
        this.console = console;
        this.servers = servers;
        this.undelivered = undelivered;
        this.silences = silences;
        this.commits = new LedgerCommits(consumer, settings, ledger, console);
        this.ownership = new Ownership(consumer, settings, ledger, grouper, commits, console);
        this.progress = new ReadProgress(consumer);
        this.batches = new OwnedBatches(consumer, ownership);
    }

    /**
     * Runs until a stop is requested, a credential is refused, or the run is idle (if asked to stop then).
     *
     * @throws ExitException when Slack or Kafka refuses the credentials; the anomalies not yet reported stay
     *     uncommitted
     */
    public void run(ShutdownSignal stop) {
        waiter = new PausedPollWaiter(consumer, stop, ownership);
        try {
            start();
            while (!stop.isRequested()) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException | AuthenticationException | AuthorizationException
                         | FencedInstanceIdException e) {
                    throw e;
                } catch (KafkaException e) {
                    commits.warn("Kafka poll failed (" + e.getMessage() + "); retrying");
                    waiter.delivering(Set.of()).await(Duration.ofSeconds(1));
                    continue;
                }
                ownership.restorePending();
                boolean caughtUp = progress.caughtUp();
                if (caughtUp) {
                    clock.unfreeze();
                } else {
                    clock.freeze();
                }
                if (!records.isEmpty()) {
                    lastActivity = System.nanoTime();
                }
                batches.handle(records, this::handle);
                apply(grouper.advance(clock));
                commits.commit();
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
        } catch (AuthenticationException | AuthorizationException e) {
            throw KafkaConnectivity.describe(servers, settings.kafkaTimeout(), e);
        } catch (FencedInstanceIdException e) {
            throw ExitException.failure("another alerter with this --instance-id joined the group (this one was "
                    + "fenced); give each alerter its own --instance-id", e);
        } finally {
            commits.finalCommit();
            stats.retries(deliverer.retries());
        }
    }

    /** What the run did so far. */
    public AlertStats stats() {
        return stats;
    }

    private void start() {
        if (!settings.dryRun()) {
            consumer.subscribe(java.util.List.of(settings.topic()), ownership);
            return;
        }
        // A dry run reads where the group stands without joining it, and never commits.
        var partitions = consumer.partitionsFor(settings.topic(), settings.kafkaTimeout()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        ownership.onPartitionsAssigned(partitions);
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
            anomaly = AnomalyJson.parse(record.value(), record.key(),
                    record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null);
        } catch (IllegalArgumentException e) {
            console.info("warning: skipped record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": not an anomaly (" + shorten(e.getMessage()) + ")");
            stats.unreadable();
            ledger.covered(position);
            return;
        }
        if (!ruleFeaturesChecked) {
            // Rules naming features the records lack judge nothing, which must not be silent.
            ruleFeaturesChecked = true;
            settings.rules().unknownWarning(anomaly).ifPresent(console::info);
        }
        if (settings.rules().judge(anomaly) != 0) {
            // As if detect had not flagged it: no message, and no tick of the clock either.
            stats.ruledOut();
            ledger.covered(position);
            return;
        }
        clock.observe(anomaly.host(), anomaly.timestamp());
        apply(grouper.offer(anomaly, position, clock));
    }

    private void apply(Decisions decisions) {
        long generation = ownership.generation();
        decisions.covered().forEach(ledger::covered);
        stats.decided(decisions);
        for (Notification notification : decisions.notifications()) {
            Set<Integer> partitions = notification.partitions();
            if (partitions.stream().noneMatch(partition -> ownership.keptSince(partition, generation))) {
                // Revoked meanwhile: these anomalies are read again by their owner and reported by it.
                continue;
            }
            Optional<Silence> silence = silences.silencing(notification.host(), Instant.now());
            if (silence.isPresent() && silenced.keeps(notification)) {
                // Not sent, but reported: counted, and said in the host's next message.
                stats.silenced(silenced.add(notification, silence.get()));
                console.info("Silenced (" + silence.get().id() + ": " + silence.get().reason() + "): "
                        + renderer.render(notification).text());
                notification.covers().forEach(ledger::covered);
                lastActivity = System.nanoTime();
                commits.commit();
                continue;
            }
            SlackMessage message = renderer.render(notification, silenced.noteFor(notification.host()));
            // Time spent waiting for Slack is not silence of the hosts.
            clock.freeze();
            try {
                deliverer.deliver(message, waiter.delivering(partitions));
                silenced.reported(notification);
                stats.sent(notification.kind());
                if (!settings.dryRun()) {
                    console.result("Sent: " + message.text());
                }
            } catch (PausedPollWaiter.RevokedWhileDelivering revoked) {
                continue;
            } catch (SlackRejectedException e) {
                if (undelivered.isEmpty() || !SlackErrors.isAboutTheMessage(e.error())) {
                    throw e;
                }
                try {
                    undelivered.get().storeRetrying(notification, message, e.error(), settings.topic(),
                            waiter.delivering(partitions), commits::warn);
                    stats.undelivered();
                    console.info("warning: " + e.getMessage() + "; stored in " + undelivered.get().topic()
                            + " with Slack's error, going on");
                } catch (PausedPollWaiter.RevokedWhileDelivering revoked) {
                    continue;
                }
            }
            notification.covers().forEach(ledger::covered);
            lastActivity = System.nanoTime();
            commits.commit();
        }
    }

    private boolean idleLongEnough(boolean quiet) {
        Optional<Duration> idle = settings.exitWhenIdle();
        if (idle.isEmpty() || !quiet || !grouper.isIdle() || ledger.pending() > 0 || commits.behind()
                || System.nanoTime() - lastActivity < idle.get().toNanos()) {
            return false;
        }
        if (progress.confirmedAtTheEnd()) {
            return true;
        }
        // The broker cannot say (an outage), or records came: not idle.
        lastActivity = System.nanoTime();
        return false;
    }

    private static String shorten(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }
}
