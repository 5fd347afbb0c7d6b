package dev.anomaly.detector.stream;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.common.event.ScoredEventJson;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The outputs of one scored record: the topics its outcome goes to (anomalies, and the optional anomalous
 * and normal topics), as the input's bytes with the detector's fields, or in canonical form when that is too
 * large for a topic; a record that fits in neither is rejected as {@code oversized}.
 */
final class ScoredOutputs {
    private final StreamSettings settings;
    private final OutputLimits limits;

    ScoredOutputs(StreamSettings settings, OutputLimits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    /**
     * Adds the outputs of {@code slot} to {@code outputs}, or none when its outcome goes nowhere or it was
     * rejected as too large.
     */
    void encode(byte[] input, DetectionBatch batch, int slot, ScoredEventJson writer, String detectedAt,
                List<ProducerRecord<byte[], byte[]>> outputs) {
        List<String> topics = new ArrayList<>(2);
        if (batch.outcome(slot) == Outcome.ANOMALY) {
            topics.add(settings.anomaliesTopic());
            settings.anomalousTopic().ifPresent(topics::add);
        } else {
            settings.normalTopic().ifPresent(topics::add);
        }
        if (topics.isEmpty()) {
            return;
        }
        byte[] json = writer.write(input, batch.asScoredSlots(), slot, detectedAt);
        // Keyed by the host it was scored as, also when the input had no key: outputs are grouped per host.
        byte[] key = batch.key(slot).getBytes(StandardCharsets.UTF_8);
        for (String topic : topics) {
            if (!limits.fits(topic, key, json)) {
                json = writer.canonical(batch.asScoredSlots(), slot, detectedAt);
            }
        }
        for (String topic : topics) {
            if (!limits.fits(topic, key, json)) {
                batch.reject(slot, RejectReason.OVERSIZED, String.format(Locale.ROOT,
                        "output of %,d bytes is over the %,d-byte limit of topic %s", json.length, limits.of(topic),
                        topic));
                outputs.clear();
                return;
            }
            outputs.add(new ProducerRecord<>(topic, key, json));
        }
    }
}
