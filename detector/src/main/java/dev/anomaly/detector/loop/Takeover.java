package dev.anomaly.detector.loop;

/**
 * Tells a real takeover from a recoverable fence. A transactional producer is fenced both when another
 * process started with the same transactional id (the operator started a second detector with this one's
 * {@code --instance-id}: this one must stop) and when the coordinator aborted a transaction that outlived
 * its timeout, as during a long broker outage (a new producer carries on).
 */
public interface Takeover {
    /** Never a takeover: the transactional id is this process's own (a random instance id). */
    Takeover NEVER = new Takeover() {
        @Override
        public boolean happened() {
            return false;
        }

        @Override
        public String describe() {
            return "fenced";
        }
    };

    /** Whether another live process now holds this one's identity; false when it cannot tell. */
    boolean happened();

    /** The message for the operator when it did. */
    String describe();
}
