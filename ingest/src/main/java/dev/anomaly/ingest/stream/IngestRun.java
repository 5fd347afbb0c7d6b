package dev.anomaly.ingest.stream;

import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.console.ThrottledLog;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.errors.TaskMigratedException;

/**
 * Runs the ingest topology until asked to stop (Ctrl-C, {@code --duration}) or until Kafka Streams fails for
 * good. A thread that dies of an outage (a timeout, a retriable error) is replaced, so an outage of any length is
 * waited out; credentials refused or anything else unexpected stops ingest with exit code 1.
 */
public final class IngestRun {
    private static final Duration STATUS_INTERVAL = ThrottledLog.INTERVAL;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final IngestSettings settings;
    private final Properties properties;
    private final Console console;

    /**
     * @param properties Kafka Streams' configuration, application id and processing guarantee included
     */
    public IngestRun(IngestSettings settings, Properties properties, Console console) {
        this.settings = settings;
        this.properties = properties;
        this.console = console;
    }

    /**
     * Runs until {@code stop} is requested or {@code duration} (when not null) has passed, then prints a summary
     * line (before telling {@code stop} it has finished: after Ctrl-C the JVM ends right after that).
     *
     * @throws ExitException when Kafka Streams stops on an error
     */
    public void run(ShutdownSignal stop, Duration duration) throws InterruptedException {
        IngestCounters counters = new IngestCounters();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        ThrottledLog warnings = new ThrottledLog(console::info, System::nanoTime);
        try (KafkaStreams streams = new KafkaStreams(IngestTopology.build(settings, counters), properties)) {
            streams.setUncaughtExceptionHandler(error -> {
                if (recoverable(error)) {
                    warnings.log("ingest: " + firstLine(error) + "; going on with a new stream thread");
                    return StreamThreadExceptionResponse.REPLACE_THREAD;
                }
                fatal.compareAndSet(null, error);
                stop.request();
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.ERROR) {
                    stop.request();
                }
            });
            streams.start();
            console.info("Ingesting " + settings.inputTopic() + " into " + settings.outputTopic() + " (dead letters: "
                    + settings.deadLetterTopic() + "), one event per host every " + settings.align().toMillis()
                    + " ms, late records accepted for " + settings.grace().toMillis() + " ms. Ctrl-C stops.");
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (!stop.isRequested() && System.nanoTime() < deadline) {
                long wait = Math.min(STATUS_INTERVAL.toNanos(), deadline - System.nanoTime());
                if (!stop.awaitRequest(Duration.ofNanos(Math.max(1, wait)))) {
                    console.progress(status(counters));
                }
            }
            console.endProgress();
            streams.close(CLOSE_TIMEOUT);
            if (fatal.get() == null) {
                console.info("Ingest stopped: " + status(counters));
            }
        } finally {
            stop.finished();
        }
        if (fatal.get() != null) {
            throw ExitException.failure("ingest stopped: " + firstLine(fatal.get()), fatal.get());
        }
    }

    private static String status(IngestCounters counters) {
        return counters.records() + " records read, " + counters.events() + " events written, "
                + counters.deadLetters() + " dead letters, " + counters.late() + " late readings dropped, "
                + counters.incompleteStarts() + " incomplete first intervals skipped"
                + (counters.refused() > 0 ? ", " + counters.refused() + " readings over an interval's size limit"
                : "");
    }

    /** An outage or a rebalance, which a new thread gets over; never refused credentials. */
    static boolean recoverable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                return false;
            }
            if (cause instanceof RetriableException || cause instanceof TaskMigratedException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
