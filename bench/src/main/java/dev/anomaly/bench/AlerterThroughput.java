package dev.anomaly.bench;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.AnomalyJson;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.alerting.grouping.Decisions;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.slack.MessageRenderer;
import dev.anomaly.alerting.time.EventClock;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The alerter's own work per anomaly, in this JVM without Kafka or Slack: read the record, move the clock,
 * group with the default policy, render every message that becomes due. Many distinct hosts are the hard
 * case (every host has its own episode), so the anomalies cycle over {@code hosts} hosts, a millisecond of
 * event time apart.
 */
final class AlerterThroughput {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private AlerterThroughput() {
    }

    /**
     * @param eventsPerSecond anomalies handled per second
     * @param anomalies anomalies handled
     * @param hosts distinct hosts they came from
     * @param seconds the time it took
     * @param messages messages rendered (so the work cannot be optimised away)
     */
    record Result(double eventsPerSecond, int anomalies, int hosts, double seconds, long messages) {
    }

    static Result measure(int anomalies, int hosts, ShutdownSignal stop) {
        byte[][] records = new byte[anomalies][];
        for (int i = 0; i < anomalies; i++) {
            records[i] = String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"host\":\"host-%d\",\"cpu_usage\":92.5,"
                    + "\"memory_usage\":44.0,\"error\":1.5,\"threshold\":0.5,\"confidence\":3.0,\"severity\":\"HIGH\","
                    + "\"contributions\":[{\"feature\":\"cpu_usage\",\"share\":0.9},{\"feature\":\"memory_usage\","
                    + "\"share\":0.1}],\"model_version\":\"bench\",\"detected_at\":\"2026-01-01T00:00:00Z\"}",
                    T0.plusMillis(i), i % hosts).getBytes(StandardCharsets.UTF_8);
        }
        EventClock clock = new EventClock(() -> 0L);
        AlertGrouper grouper = new AlertGrouper(GroupingPolicy.defaults());
        MessageRenderer renderer = new MessageRenderer();
        long messages = 0;
        long started = System.nanoTime();
        for (int i = 0; i < anomalies; i++) {
            Anomaly anomaly = AnomalyJson.parse(records[i]);
            clock.observe(anomaly.host(), anomaly.timestamp());
            messages += render(grouper.offer(anomaly, new SourcePosition(0, i), clock), renderer);
            if (i % 10_000 == 0 && stop.isRequested()) {
                throw new BenchException("stopped");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(anomalies / seconds, anomalies, hosts, seconds, messages);
    }

    private static int render(Decisions decisions, MessageRenderer renderer) {
        for (Notification notification : decisions.notifications()) {
            renderer.render(notification);
        }
        return decisions.notifications().size();
    }
}
