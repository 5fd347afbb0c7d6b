package dev.anomaly.detector.core;

/** What became of one record of a batch. */
public enum Outcome {
    /** Scored, error at or below the threshold. */
    NORMAL,
    /** Scored, error above the threshold. */
    ANOMALY,
    /** Valid, but its host has fewer than W events of history yet, so it was not scored. */
    WARMING_UP,
    /** Not usable: goes to the dead letters with its reason. */
    REJECTED
}
