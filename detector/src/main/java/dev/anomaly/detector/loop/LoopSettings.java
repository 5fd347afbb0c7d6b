package dev.anomaly.detector.loop;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TransactionalLoop} runs.
 *
 * @param topics the input topics
 * @param guarantee exactly-once (one transaction per batch) or at-least-once (flush, then commit)
 * @param poll the longest a poll waits for records
 * @param kafkaTimeout how long one call for the committed offsets may wait before it is retried
 * @param stopWhenIdle stop once no record came for this long and every partition is read to its end, or null
 * @param failFast end the run at the first failure instead of recovering (a benchmark must not measure retries)
 */
public record LoopSettings(List<String> topics, Guarantee guarantee, Duration poll, Duration kafkaTimeout,
                           Duration stopWhenIdle, boolean failFast) {
    public LoopSettings {
        topics = List.copyOf(topics);
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("at least one input topic is needed");
        }
    }
}
