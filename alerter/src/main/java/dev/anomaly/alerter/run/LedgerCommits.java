package dev.anomaly.alerter.run;

import dev.anomaly.common.console.Console;
import dev.anomaly.common.console.ThrottledLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Commits what the ledger says is safe. A commit that fails (the broker away, however long) is tried again
 * with the next one: the ledger still holds every due point, so nothing is lost and nothing reported twice;
 * one warning line every 10 s at most says so.
 */
final class LedgerCommits {
    private static final Duration MAX_COMMIT_WAIT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final RunSettings settings;
    private final OffsetLedger ledger;
    private final Console console;
    private final ThrottledLog warnings;
    private boolean behind;

    LedgerCommits(Consumer<String, byte[]> consumer, RunSettings settings, OffsetLedger ledger, Console console) {
        this.consumer = consumer;
        this.settings = settings;
        this.ledger = ledger;
        this.console = console;
        this.warnings = new ThrottledLog(line -> console.info("warning: " + line), System::nanoTime);
    }

    /** Commits every due point; a failure is left for the next call. */
    void commit() {
        if (settings.dryRun()) {
            return;
        }
        Map<Integer, CommitPoint> due = ledger.dueCommits();
        if (due.isEmpty()) {
            behind = false;
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        due.forEach((partition, point) -> offsets.put(new TopicPartition(settings.topic(), partition),
                new OffsetAndMetadata(point.offset(), point.metadata())));
        try {
            consumer.commitSync(offsets, settings.kafkaTimeout().compareTo(MAX_COMMIT_WAIT) < 0
                    ? settings.kafkaTimeout() : MAX_COMMIT_WAIT);
            ledger.committed(due);
            behind = false;
            if (settings.verbose()) {
                console.info("Committed " + describe(due));
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved to another member, which reads them from the last commit: repeats, no loss.
            warn("commit failed (" + e.getClass().getSimpleName() + "); the group's new owner of those partitions "
                    + "resumes from the previous commit");
        } catch (WakeupException | AuthenticationException | AuthorizationException | FencedInstanceIdException e) {
            throw e;
        } catch (KafkaException e) {
            behind = true;
            warn("commit failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); trying again "
                    + "with the next, nothing is lost meanwhile");
        }
    }

    /** The last commit on the way out; Ctrl-C's pending wakeup is consumed first. */
    void finalCommit() {
        try {
            commit();
        } catch (WakeupException pendingWakeup) {
            commit();
        } catch (KafkaException e) {
            console.info("warning: final commit failed: " + e.getMessage()
                    + "; the next run repeats what was sent since the last commit");
        }
    }

    /** Whether the last commit failed and its points wait for the next. */
    boolean behind() {
        return behind;
    }

    /** A warning line, at most one every 10 s. */
    void warn(String line) {
        warnings.log(line);
    }

    private static String describe(Map<Integer, CommitPoint> points) {
        return points.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> "partition " + entry.getKey() + " at " + entry.getValue().offset())
                .collect(Collectors.joining(", "));
    }
}
