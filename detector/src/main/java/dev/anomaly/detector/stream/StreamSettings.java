package dev.anomaly.detector.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the streaming detector reads, writes and promises.
 *
 * @param inputTopic events to score
 * @param anomaliesTopic every anomalous event, enriched
 * @param normalTopic optionally every scored normal (and not yet scorable) event, enriched
 * @param anomalousTopic optionally every anomalous event again (the Kafka Streams tutorial's routing)
 * @param deadLetterTopic records that cannot be scored, byte for byte with the reason in headers
 * @param groupId the consumer group; detectors in one group share the partitions
 * @param guarantee exactly-once or at-least-once
 * @param resetToEarliest where a group without committed offsets starts: the beginning or the end
 * @param maxPollRecords the most records per batch
 * @param maxRecordBytes larger values are dead letters
 * @param reloadInterval how often model.json is checked for a new model
 * @param timeout how long to wait for Kafka at start
 * @param instanceId names this detector's transactional producer and, when {@code staticMember}, its group
 *     membership: a restarted detector with the same id takes over its predecessor's partitions and aborts
 *     its open transaction at once, instead of waiting for the session and the transaction to time out
 * @param staticMember whether the instance id was given by the operator (so it is stable across restarts)
 * @param stopWhenIdle stop after this long without records (for batch runs), or null to run until stopped
 */
public record StreamSettings(String inputTopic, String anomaliesTopic, Optional<String> normalTopic,
                             Optional<String> anomalousTopic, String deadLetterTopic, String groupId,
                             Guarantee guarantee, boolean resetToEarliest, int maxPollRecords, int maxRecordBytes,
                             Duration reloadInterval, Duration timeout, String instanceId, boolean staticMember,
                             Duration stopWhenIdle) {
    public StreamSettings {
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(anomaliesTopic, "anomaliesTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(instanceId, "instanceId");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("max poll records must be at least 1");
        }
    }
}
