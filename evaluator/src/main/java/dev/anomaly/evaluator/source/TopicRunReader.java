package dev.anomaly.evaluator.source;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.AnomalyJson;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.common.event.HostField;
import dev.anomaly.evaluator.alerts.AlertPreview;
import dev.anomaly.evaluator.metrics.EvaluationAccumulator;
import dev.anomaly.evaluator.report.SourceSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Evaluates a run from its topics: the flagged events on the anomalies topic are matched by host and
 * timestamp to the events on the source topic, which carry the ground truth. Both topics are read from the
 * beginning up to the end offsets seen at the start; {@code timeout} bounds the whole read.
 */
public final class TopicRunReader {
    private static final int REPORTED_RECORDS = 10;

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final String sourceTopic;
    private final String anomaliesTopic;
    private final Duration timeout;
    private final Consumer<String> warnings;
    private final HostField hostField;
    private long unreadable;

    /**
     * @param consumer a consumer with {@code isolation.level=read_committed}, owned by the caller
     * @param hostField where a source record without a key names its host (as given to {@code detect})
     * @param warnings receives a line per unreadable record (the first ten) and a count of the rest
     */
    public TopicRunReader(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, String sourceTopic,
                          String anomaliesTopic, Duration timeout, HostField hostField, Consumer<String> warnings) {
        this.consumer = consumer;
        this.hostField = hostField;
        this.sourceTopic = sourceTopic;
        this.anomaliesTopic = anomaliesTopic;
        this.timeout = timeout;
        this.warnings = warnings;
    }

    /**
     * Reads both topics into {@code accumulator}.
     *
     * @param description how the summary names the source, e.g. the topics and the broker
     * @throws dev.anomaly.commandline.ExitException when a topic is missing or cannot be read within the timeout
     */
    public SourceSummary read(EvaluationAccumulator accumulator, String description) {
        return read(accumulator, description, Optional.empty());
    }

    /**
     * Reads both topics into {@code accumulator}, and into the alert preview when there is one: every record of
     * the anomalies topic as the alerter reads it, every source event as ground truth.
     */
    public SourceSummary read(EvaluationAccumulator accumulator, String description, Optional<AlertPreview> preview) {
        Deadline deadline = new Deadline(timeout);
        // Source first: every flagged event of a source event in the snapshot is then in the anomalies one.
        TopicSnapshot source = TopicSnapshot.take(consumer, sourceTopic, deadline);
        TopicSnapshot anomalies = TopicSnapshot.take(consumer, anomaliesTopic, deadline);
        Set<EventKey> flagged = new HashSet<>();
        anomalies.read(consumer, deadline, (topic, record) -> {
            preview.ifPresent(alerts -> offer(alerts, record));
            EventFields event = parse(topic, record);
            if (event != null && !Boolean.FALSE.equals(event.flagged())) {
                flagged.add(event.key());
            }
        });
        Set<EventKey> matched = new HashSet<>();
        source.read(consumer, deadline, (topic, record) -> {
            EventFields event = parse(topic, record);
            if (event == null) {
                return;
            }
            preview.ifPresent(alerts -> alerts.event(event.key().host(),
                    Instant.ofEpochMilli(event.key().epochMillis()), event.label(), event.episode()));
            boolean isFlagged = flagged.contains(event.key());
            if (isFlagged) {
                matched.add(event.key());
            }
            accumulator.add(event.key().host(), Instant.ofEpochMilli(event.key().epochMillis()), event.label(),
                    event.episode(), isFlagged);
        });
        if (unreadable > REPORTED_RECORDS) {
            warnings.accept(String.format(Locale.ROOT, "%,d more records skipped (not metric events)",
                    unreadable - REPORTED_RECORDS));
        }
        return new SourceSummary(description, unreadable, flagged.size() - matched.size());
    }

    /** The record as the alerter reads it, with the same fallbacks (its key, its timestamp). */
    private static void offer(AlertPreview preview, ConsumerRecord<byte[], byte[]> record) {
        try {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            Anomaly anomaly = AnomalyJson.parse(record.value(), key,
                    record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null);
            preview.anomaly(anomaly, new SourcePosition(record.partition(), record.offset()));
        } catch (IllegalArgumentException e) {
            preview.unreadable();
        }
    }

    private EventFields parse(String topic, ConsumerRecord<byte[], byte[]> record) {
        try {
            // Outputs always name their host in the key and the host field; sources as detect read them.
            HostField field = topic.equals(sourceTopic) ? hostField : HostField.DEFAULT;
            return EventJsonReader.read(record.key(), record.value(), record.timestamp(), field);
        } catch (IllegalArgumentException e) {
            unreadable++;
            if (unreadable <= REPORTED_RECORDS) {
                warnings.accept(topic + "-" + record.partition() + " offset " + record.offset()
                        + ": not a metric event (" + e.getMessage() + "); skipped");
            }
            return null;
        }
    }
}
