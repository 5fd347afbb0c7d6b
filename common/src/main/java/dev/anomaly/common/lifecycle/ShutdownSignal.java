package dev.anomaly.common.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Ctrl-C and SIGTERM into a request that a long-running loop sees between two steps, so the loop
 * can flush, commit and print its summary before the JVM exits.
 *
 * <p>The shutdown hook asks the loop to stop and waits (up to a grace period) until the loop reports
 * {@link #finished()}. Closing the signal removes the hook, so commands run in-process (tests, the demo)
 * leave nothing behind.
 */
public final class ShutdownSignal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final Runnable onRequest;

    private ShutdownSignal(String name, Duration grace, Runnable onRequest) {
        this.onRequest = onRequest;
        this.hook = new Thread(() -> {
            request();
            try {
                if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} did not stop within {} s", name, grace.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
    }

    /**
     * Installs a shutdown hook.
     *
     * @param name the command's name, for the thread and messages
     * @param grace how long the JVM waits for the loop to finish after Ctrl-C
     * @param onRequest called once when a stop is requested (e.g. {@code consumer::wakeup}); may be a no-op
     */
    public static ShutdownSignal install(String name, Duration grace, Runnable onRequest) {
        ShutdownSignal signal = new ShutdownSignal(name, grace, onRequest);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** A signal with no hook, stopped only by {@link #request()}: for tests and embedded use. */
    public static ShutdownSignal manual(Runnable onRequest) {
        return new ShutdownSignal("manual", Duration.ZERO, onRequest);
    }

    /** Asks the loop to stop. Safe to call more than once and from any thread. */
    public void request() {
        if (requested.getCount() > 0) {
            requested.countDown();
            onRequest.run();
        }
    }

    /** Whether a stop was requested. */
    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /**
     * Sleeps until the deadline or a stop request, whichever comes first.
     *
     * @return true if a stop was requested
     */
    public boolean awaitRequest(Duration timeout) throws InterruptedException {
        return requested.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** The loop calls this when it has flushed everything; the shutdown hook then lets the JVM exit. */
    public void finished() {
        finished.countDown();
    }

    @Override
    public void close() {
        finished();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already running the hook: nothing to remove.
        } catch (IllegalArgumentException notInstalled) {
            // A manual signal has no hook.
        }
    }
}
