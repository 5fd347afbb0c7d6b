package dev.anomaly.evaluator.source;

/**
 * The fields of an event record the evaluation reads.
 *
 * @param key host and timestamp
 * @param label ground-truth label, or null
 * @param episode ground-truth episode id, or null
 * @param flagged {@code is_anomaly}, or null when the record has none
 */
record EventFields(EventKey key, String label, String episode, Boolean flagged) {
}
