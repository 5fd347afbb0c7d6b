package dev.anomaly.trainer.source;

import java.util.List;

/**
 * What a source delivered for training.
 *
 * @param events normal and labelled events in arrival order (per host in time order)
 * @param normalCount events without a label
 * @param labelledCount events left out because they carry an anomaly label
 * @param rejectedCount records that were not usable events (reported, never used)
 * @param description where the data came from, for messages
 */
public record CollectedData(List<TrainingEvent> events, long normalCount, long labelledCount, long rejectedCount,
                            String description) {
    public CollectedData {
        events = List.copyOf(events);
    }
}
