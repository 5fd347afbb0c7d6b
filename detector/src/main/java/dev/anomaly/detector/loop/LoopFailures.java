package dev.anomaly.detector.loop;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Which failures end the loop (no retry can help) and how a failure is told in one line. */
final class LoopFailures {
    private final boolean failFast;
    private final Takeover takeover;

    /**
     * @param failFast every failure ends the loop (the bench)
     * @param takeover says whether a fenced producer means another instance really took over
     */
    LoopFailures(boolean failFast, Takeover takeover) {
        this.failFast = failFast;
        this.takeover = takeover;
    }

    /**
     * Ends the run for a failure no retry can help: refused credentials, an unsupported broker, a real
     * takeover, or any failure in fail-fast mode.
     *
     * @param what what failed, for the message
     * @throws LoopStoppedException then; returns otherwise
     */
    void stopIfHopeless(RuntimeException e, String what) {
        if (failFast) {
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

    /** The failure's type and the first line of its message. */
    static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "no details" : e.getMessage();
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
