package dev.anomaly.detector.core;

/** What became of one record of a batch. */
public enum Outcome {
    /** Scored, not an anomaly. */
    NORMAL,
    /** Scored, an anomaly: likely enough once its host warmed up, else its error above the threshold. */
    ANOMALY,
    /** Valid, but its host has fewer than W events of history yet, so it was not scored. */
    WARMING_UP,
    /** Not usable: goes to the dead letters with its reason. */
    REJECTED
}
