package dev.anomaly.ingest.stream;

import dev.anomaly.ingest.format.AgentFormat;
import java.time.Duration;
import java.util.Objects;

/**
 * What one ingest does.
 *
 * @param format the agent's record format
 * @param inputTopic where the agent writes
 * @param outputTopic where the events go
 * @param deadLetterTopic where unreadable records go
 * @param align the length of the intervals events are aligned to
 * @param grace how long after an interval's end a late record still counts in it
 * @param idleTimeout how long a series may be silent before its previous total is forgotten
 */
public record IngestSettings(AgentFormat format, String inputTopic, String outputTopic, String deadLetterTopic,
                             Duration align, Duration grace, Duration idleTimeout) {
    public IngestSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(outputTopic, "outputTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        if (align.toMillis() < 1) {
            throw new IllegalArgumentException("align must be at least 1ms");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
    }

    /** The dead-letter topic of an input topic, as {@code detect} names its own: {@code IN.dlq}. */
    public static String deadLetterTopicOf(String inputTopic) {
        return inputTopic + ".dlq";
    }
}
