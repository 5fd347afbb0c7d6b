package dev.anomaly.trainer.source;

/** Where topic collection starts. */
public enum StartPosition {
    /** The retained history first (for cron); the newest samples win. */
    EARLIEST,
    /** Only what arrives from now on. */
    LATEST
}
