package dev.anomaly.evaluator.report;

/**
 * Where the evaluated events came from and what could not be used, reported next to the metrics.
 *
 * @param source a description for people: the CSV file, or the topics and the broker
 * @param unreadableRecords input records that were not metric events (skipped)
 * @param unmatchedFlagged flagged events that matched no input event by host and timestamp
 */
public record SourceSummary(String source, long unreadableRecords, long unmatchedFlagged) {
    public SourceSummary {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        if (unreadableRecords < 0 || unmatchedFlagged < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** A source from which every event was usable (the in-process demo). */
    public static SourceSummary of(String source) {
        return new SourceSummary(source, 0, 0);
    }
}
