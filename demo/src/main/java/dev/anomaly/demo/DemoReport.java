package dev.anomaly.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.alerter.run.AlertRun;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.detector.stream.DetectorStats;
import dev.anomaly.evaluator.metrics.EvaluationAccumulator;
import dev.anomaly.evaluator.metrics.EvaluationReport;
import dev.anomaly.evaluator.report.ReportTable;
import dev.anomaly.generator.run.GeneratorReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The demo's closing report: what was generated, what was flagged, how that compares with the truth. */
final class DemoReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines;

    private DemoReport(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    List<String> lines() {
        return lines;
    }

    /**
     * @param agentHost this machine's host name with {@code --agent}, else null: it has no ground truth, so it is
     *     counted apart
     */
    static DemoReport from(KafkaClientSettings kafka, ModelMetadata model, DetectorStats stats, AlertRun alerts,
                           GeneratorReport history, double totalSeconds, DemoSettings settings, String agentHost)
            throws IOException {
        Set<String> flagged = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(kafka, Topics.ANOMALIES)) {
            JsonNode node = JSON.readTree(record.value());
            flagged.add(node.path(MetricFields.HOST).asText() + "@" + node.path(MetricFields.TIMESTAMP).asText());
        }
        EvaluationAccumulator truth = new EvaluationAccumulator();
        long agentEvents = 0;
        long agentFlagged = 0;
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(kafka, Topics.SYSTEM_METRICS)) {
            JsonNode node = JSON.readTree(record.value());
            String host = node.path(MetricFields.HOST).asText();
            String timestamp = node.path(MetricFields.TIMESTAMP).asText();
            boolean isFlagged = flagged.contains(host + "@" + timestamp);
            if (host.equals(agentHost)) {
                agentEvents++;
                agentFlagged += isFlagged ? 1 : 0;
                continue;
            }
            truth.add(host, Instant.parse(timestamp), text(node, MetricFields.LABEL), text(node, MetricFields.EPISODE),
                    isFlagged);
        }
        EvaluationReport evaluation = truth.report();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(Locale.ROOT, "=== anomaly demo: %.0f s, %d hosts, %.0fx simulated speed, model %s ===",
                totalSeconds, settings.hosts(), settings.speed(), model.version()));
        lines.add(String.format(Locale.ROOT, "events      %,d generated: %,d of history (%,d normal ones trained "
                + "the model), then %,d live; %,d scored by the detector", evaluation.events(), history.sent(),
                settings.trainingSamples(), evaluation.events() - history.sent(), stats.events()));
        lines.add(String.format(Locale.ROOT, "anomalies   %,d flagged (HIGH %,d, MEDIUM %,d), %,d dead letters; "
                + "%.1f false alarms per 1,000 normal events", stats.anomalies(), stats.highAnomalies(),
                stats.mediumAnomalies(), stats.deadLetters(), evaluation.falseAlarmsPer1000()));
        if (agentHost != null) {
            lines.add(String.format(Locale.ROOT, "this machine %s: %,d real events, %,d flagged (no ground truth: "
                    + "the figures above are the simulated hosts')", agentHost, agentEvents, agentFlagged));
        }
        lines.add("");
        lines.addAll(ReportTable.lines(evaluation));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "alerts      %s", alerts == null ? "none" : alerts.stats().summary()));
        lines.add(String.format(Locale.ROOT, "throughput  history produced at %,.0f events/s and scored as one "
                + "backlog; the live stream ran at %.0f events/s and the detector kept up (lag %,d at the end); "
                + "'anomaly bench' measures the ceiling", history.eventsPerSecond(),
                settings.hosts() * settings.speed() / 5.0, stats.lag()));
        return new DemoReport(lines);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(KafkaClientSettings kafka, String topic) {
        Properties properties = kafka.build(Map.of(), Map.of(),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
