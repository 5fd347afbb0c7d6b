package dev.anomaly.alerting.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.AnomalyJson;
import dev.anomaly.common.event.Severity;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.slack.MessageRenderer;
import dev.anomaly.alerting.slack.SlackMessage;
import dev.anomaly.alerting.time.EventClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever anomalies arrive — hosts of any name and length, timestamps anywhere between the ends of time,
 * in any order, with clocks far ahead or behind — grouping and rendering never throw, and every message
 * respects Block Kit's limits, so Slack never refuses one for its shape.
 */
class GroupingFuzzTest {
    private final MessageRenderer renderer = new MessageRenderer();

    @Property
    void groupingAndRenderingNeverFailAndMessagesFitBlockKit(@ForAll("streams") List<Tuple.Tuple3<String, Instant, Long>> stream) {
        AtomicLong nanos = new AtomicLong();
        EventClock clock = new EventClock(nanos::get);
        AlertGrouper grouper = new AlertGrouper(new GroupingPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Severity.MEDIUM));
        List<Notification> notifications = new ArrayList<>();
        long offset = 0;
        for (Tuple.Tuple3<String, Instant, Long> event : stream) {
            Anomaly anomaly = AnomalyJson.parse(json(event.get1(), event.get2()).getBytes(StandardCharsets.UTF_8));
            clock.observe(anomaly.host(), anomaly.timestamp());
            notifications.addAll(grouper.offer(anomaly, new SourcePosition(0, offset++), clock).notifications());
            nanos.addAndGet(event.get3());
            notifications.addAll(grouper.advance(clock).notifications());
        }
        nanos.addAndGet(Duration.ofDays(1).toNanos());
        notifications.addAll(grouper.advance(clock).notifications());

        for (Notification notification : notifications) {
            assertFitsBlockKit(renderer.render(notification));
        }
    }

    private static void assertFitsBlockKit(SlackMessage message) {
        assertThat(message.text().length()).isLessThanOrEqualTo(3000);
        JsonNode blocks = message.blocks();
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        for (JsonNode block : blocks) {
            switch (block.get("type").asText()) {
                case "header" -> assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(150);
                case "section" -> {
                    if (block.has("text")) {
                        assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(3000);
                    }
                    if (block.has("fields")) {
                        assertThat(block.get("fields").size()).isLessThanOrEqualTo(10);
                        block.get("fields").forEach(field ->
                                assertThat(field.get("text").asText().length()).isLessThanOrEqualTo(2000));
                    }
                }
                case "context" -> {
                    assertThat(block.get("elements").size()).isLessThanOrEqualTo(10);
                    block.get("elements").forEach(element ->
                            assertThat(element.get("text").asText().length()).isLessThanOrEqualTo(2000));
                }
                default -> throw new AssertionError("unexpected block " + block);
            }
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple3<String, Instant, Long>>> streams() {
        Arbitrary<String> hosts = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("web-1", "web-2", "db-1")),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20)
                        .filter(host -> !host.isBlank())),
                Tuple.of(1, Arbitraries.of("h".repeat(3_000), "<&>".repeat(1_200), "\ud83d\udd25".repeat(900))));
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        Arbitrary<Instant> times = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(0, 3_600).map(base::plusSeconds)),
                Tuple.of(1, Arbitraries.of(Instant.MAX, Instant.MIN, Instant.parse("+300000000-01-01T00:00:00Z"),
                        Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z"))));
        Arbitrary<Long> realNanos = Arbitraries.longs().between(0, Duration.ofMinutes(3).toNanos());
        return Combinators.combine(hosts, times, realNanos).as(Tuple::of).list().ofMaxSize(60);
    }

    /** An anomaly record as the detector writes it, for any host and time. */
    private static String json(String host, Instant at) {
        String quoted = host.replace("\\", "\\\\").replace("\"", "\\\"");
        StringBuilder escaped = new StringBuilder();
        for (char c : quoted.toCharArray()) {
            escaped.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return "{\"timestamp\":\"" + at + "\",\"host\":\"" + escaped + "\",\"cpu_usage\":87.5,\"error\":1.2,"
                + "\"threshold\":0.45,\"confidence\":2.67,\"severity\":\"HIGH\",\"contributions\":["
                + "{\"feature\":\"cpu_usage\",\"share\":0.9},{\"feature\":\"memory_usage\",\"share\":0.1}],"
                + "\"model_version\":\"v1\",\"detected_at\":\"2026-12-02T10:00:00Z\"}";
    }
}
