package dev.anomaly.detector.stream;

import java.util.Map;

/**
 * The largest record each output topic takes: the smaller of the producer's {@code max.request.size} and
 * the topic's {@code max.message.bytes}, read from the broker at start. A record above it would abort every
 * transaction it is sent in, so the detector never sends one.
 *
 * @param perTopic limits by topic
 * @param fallback for a topic the broker did not describe
 */
record OutputLimits(Map<String, Integer> perTopic, int fallback) {
    /** Kafka's default {@code max.message.bytes}. */
    static final int KAFKA_DEFAULT = 1_048_588;

    OutputLimits {
        perTopic = Map.copyOf(perTopic);
    }

    int of(String topic) {
        return perTopic.getOrDefault(topic, fallback);
    }

    /** Whether the record fits the topic. */
    boolean fits(String topic, byte[] key, byte[] value) {
        return RecordSizes.of(key, value, 0) <= of(topic);
    }
}
