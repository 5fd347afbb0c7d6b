package dev.anomaly.alerting.silence;

import dev.anomaly.common.console.ThrottledLog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Keeps {@link Silences} up to date in the background: a thread of its own reads the silences topic from its
 * beginning and then follows it, so a silence added anywhere applies at the alerter's next decision. An outage
 * is waited out (one line per 10 s at most); the silences already read stay in force meanwhile.
 */
public final class SilenceFollower implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration ABSENT = Duration.ofSeconds(2);

    private final SilenceTopic topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean stopped;
    /** Waited on between tries; {@link #close()} ends the wait at once. */
    private final Object pauses = new Object();

    private SilenceFollower(SilenceTopic topic, Silences silences, ThrottledLog warnings, Consumer<String> notices) {
        this.topic = topic;
        this.consumer = topic.openReader();
        this.thread = new Thread(() -> follow(silences, warnings, notices), "silence-follower");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following the topic from its beginning.
     *
     * @param notices where to say that a silence came into force or ended (one line each)
     */
    public static SilenceFollower start(SilenceTopic topic, Silences silences, ThrottledLog warnings,
                                        Consumer<String> notices) {
        SilenceFollower follower = new SilenceFollower(topic, silences, warnings, notices);
        follower.thread.start();
        return follower;
    }

    private void follow(Silences silences, ThrottledLog warnings, Consumer<String> notices) {
        Map<String, Silence> announced = new HashMap<>();
        while (!stopped) {
            try {
                if (consumer.assignment().isEmpty() && topic.assignFromStart(consumer).isEmpty()) {
                    // Not in the metadata yet (just created, recreated, or no silence ever added): look again,
                    // without a metadata request five times a second for as long as it is absent.
                    pause(ABSENT);
                    continue;
                }
                consumer.poll(POLL).forEach(record -> SilenceTopic.apply(record, silences));
                announce(silences, announced, notices);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // An outage, a refused permission, anything: the silences read stay in force; never spin.
                warnings.log("warning: cannot read silences from " + topic.name() + " (" + e.getMessage()
                        + "); the ones read stay in force, retrying");
                pause(POLL);
            }
        }
    }

    private void pause(Duration duration) {
        try {
            synchronized (pauses) {
                if (!stopped) {
                    pauses.wait(duration.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** One line when a silence comes into force (or is read at start while in force), one when it ends. */
    private static void announce(Silences silences, Map<String, Silence> announced, Consumer<String> notices) {
        Instant now = Instant.now();
        for (Silence silence : silences.all()) {
            Silence before = announced.get(silence.id());
            if (silence.isActive(now) && (before == null || !before.equals(silence))) {
                notices.accept("Silence " + silence.id() + " in force for '" + silence.hosts().pattern() + "' until "
                        + silence.endsAt() + ": " + silence.reason());
                announced.put(silence.id(), silence);
            } else if (!silence.isActive(now) && before != null) {
                notices.accept("Silence " + silence.id() + " ended; messages for '" + silence.hosts().pattern()
                        + "' resume");
                announced.remove(silence.id());
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
        synchronized (pauses) {
            pauses.notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
