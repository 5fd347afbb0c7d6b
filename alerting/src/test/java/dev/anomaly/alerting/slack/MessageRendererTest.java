package dev.anomaly.alerting.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.AnomalyJson;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.grouping.Tally;
import dev.anomaly.alerting.testing.AnomalyRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:02:00Z");

    private final MessageRenderer renderer = new MessageRenderer();

    @Test
    void aGroupSaysHowManyOnWhichHostInHowLongAndTheWorst() {
        SlackMessage message = renderer.render(firing(7, 12, 4.2));

        assertThat(message.text()).startsWith("\ud83d\udd25 HIGH: 7 anomalies on web-1 in 12 s, worst \ud83d\udd25 4.2\u00d7");
        assertThat(header(message)).isEqualTo("\ud83d\udd25 HIGH: 7 anomalies on web-1");
        assertThat(message.role()).isEqualTo(SlackMessage.Role.START);
    }

    @Test
    void aSingleAnomalyIsSaidSo() {
        SlackMessage message = renderer.render(firing(1, 0, 1.3));

        assertThat(message.text()).startsWith("\u26a0\ufe0f MEDIUM: 1 anomaly on web-1, \u26a0\ufe0f 1.3\u00d7 (cpu_usage 87.5) at 2026-01-01 00:02:00 UTC");
        assertThat(header(message)).isEqualTo("\u26a0\ufe0f MEDIUM anomaly on web-1");
    }

    @Test
    void showsTheMetricValuesWithTheFeaturesThatExplainMostOfTheErrorMarked() {
        String metrics = blockText(renderer.render(firing(3, 10, 2.74)), 2);

        assertThat(metrics).contains(MessageRenderer.MARK + " *cpu_usage* 87.5 (91% of the error)",
                "\u2022 memory_usage 44.25 (5% of the error)", "\u2022 response_time_ms 131 (2% of the error)");
        assertThat(metrics.split(MessageRenderer.MARK, -1)).hasSize(3);
    }

    @Test
    void saysWhatTheModelExpectedWhenItSaysSo() {
        SlackMessage message = firingWith(",\"expected\":{\"cpu_usage\":31.24,\"memory_usage\":44.1}");

        assertThat(message.text()).contains("(cpu_usage 87.5, expected 31.24) at 2026-01-01 00:02:00 UTC");
        assertThat(blockText(message, 2)).contains(MessageRenderer.MARK
                + " *cpu_usage* 87.5 (expected 31.24, 91% of the error)",
                "\u2022 memory_usage 44.25 (expected 44.1, 5% of the error)",
                "\u2022 response_time_ms 131 (2% of the error)");
    }

    @Test
    void showsTheHostsTypicalRangeBesideTheValue() {
        SlackMessage message = firingWith(",\"expected\":{\"cpu_usage\":31.24},\"typical\":{\"cpu_usage\":"
                + "[18.04,44.46],\"memory_usage\":[40,50]}");

        assertThat(message.text()).contains("(cpu_usage 87.5, expected 31.24, typical 18\u201344.5) at");
        assertThat(blockText(message, 2)).contains(MessageRenderer.MARK
                + " *cpu_usage* 87.5 (expected 31.24, typical 18\u201344.5, 91% of the error)",
                "\u2022 memory_usage 44.25 (typical 40\u201350, 5% of the error)",
                "\u2022 response_time_ms 131 (2% of the error)");
    }

    /** The message of one anomaly of web-1 whose record has {@code fields} added. */
    private SlackMessage firingWith(String fields) {
        String json = AnomalyRecords.json("web-1", T0, 1.3);
        Anomaly anomaly = AnomalyJson.parse((json.substring(0, json.lastIndexOf('}')) + fields + "}")
                .getBytes(StandardCharsets.UTF_8));
        return renderer.render(new Notification(Notification.Kind.FIRING, "web-1", T0, T0.plusSeconds(30),
                Tally.of(anomaly), Optional.empty(), positions(1)));
    }

    @Test
    void showsErrorThresholdConfidenceAndModelVersion() {
        JsonNode fields = renderer.render(firing(1, 0, 2.74)).blocks().get(3).get("fields");

        List<String> texts = new ArrayList<>();
        fields.forEach(field -> texts.add(field.get("text").asText()));
        assertThat(texts).containsExactly("*Error*\n1.233", "*Threshold*\n0.45", "*Confidence*\n2.74\u00d7",
                "*Model*\n20261122T101500Z-3f9a2c");
    }

    @Test
    void aRepeatRepliesInTheThreadAndCountsWhatWasHeldBack() {
        Tally held = tally(40, 200, 2.5);
        Tally group = tally(6, 20, 1.5);
        Notification repeat = new Notification(Notification.Kind.REPEAT, "web-1", T0, T0.plusSeconds(330),
                held.merge(group), Optional.of(held), positions(6));

        SlackMessage message = renderer.render(repeat);

        assertThat(message.role()).isEqualTo(SlackMessage.Role.REPLY);
        assertThat(message.text()).contains("still going: 46 more anomalies on web-1");
        assertThat(blockText(message, 1)).contains("40 anomalies were held back by the repeat interval");
    }

    @Test
    void theResolvedMessageEndsTheThreadAndSummarisesTheEpisode() {
        Tally episode = tally(57, 183, 4.2);
        Notification resolved = new Notification(Notification.Kind.RESOLVED, "web-1", T0,
                episode.last().plus(Duration.ofMinutes(2)), episode, Optional.empty(), List.of());

        SlackMessage message = renderer.render(resolved);

        assertThat(message.role()).isEqualTo(SlackMessage.Role.LAST_REPLY);
        assertThat(header(message)).isEqualTo("\u2705 Resolved: web-1");
        assertThat(message.text()).isEqualTo("\u2705 Resolved: web-1, no anomaly since 2026-01-01 00:05:03 UTC "
                + "(2 min); the episode had 57 anomalies in 3 min, worst \ud83d\udd25 4.2\u00d7");
    }

    @Test
    void aThreadIsOneEpisodeOfOneHost() {
        SlackMessage first = renderer.render(firing(2, 5, 1.5));

        assertThat(first.threadKey()).isEqualTo("web-1@" + T0);
    }

    @Test
    void hostNamesCannotInjectSlackMarkup() {
        Tally tally = new Tally(1, T0, T0, AnomalyRecords.anomaly("<!channel>", T0, 1.5));
        Notification notification = new Notification(Notification.Kind.FIRING, "<!channel>", T0, T0.plusSeconds(30),
                tally, Optional.empty(), positions(1));

        SlackMessage message = renderer.render(notification);

        assertThat(message.text()).doesNotContain("<!channel>").contains("&lt;!channel&gt;");
        assertThat(blockText(message, 1)).doesNotContain("<!channel>");
    }

    @Test
    void theMessageAfterASilenceSaysWhatItHeldBackInTheTextAndAContextLine() {
        SlackMessage plain = renderer.render(firing(2, 5, 1.5));

        SlackMessage message = renderer.render(firing(2, 5, 1.5),
                Optional.of("2 messages (9 anomalies) silenced by a1b2c3d4 (deploy <4121>)"));

        assertThat(message.text()).startsWith(plain.text()).contains("silenced by a1b2c3d4 (deploy &lt;4121&gt;)");
        assertThat(message.blocks().size()).isEqualTo(plain.blocks().size() + 1);
        JsonNode note = message.blocks().get(message.blocks().size() - 2);
        assertThat(note.get("type").asText()).isEqualTo("context");
        assertThat(note.get("elements").get(0).get("text").asText()).contains("9 anomalies");
        assertThat(message.blocks().get(message.blocks().size() - 1)).isEqualTo(
                plain.blocks().get(plain.blocks().size() - 1));
        assertThat(renderer.render(firing(2, 5, 1.5), Optional.empty())).isEqualTo(plain);
    }

    @Test
    void formatsDurationsForPeople() {
        assertThat(MessageRenderer.duration(Duration.ofSeconds(12))).isEqualTo("12 s");
        assertThat(MessageRenderer.duration(Duration.ofSeconds(240))).isEqualTo("4 min");
        assertThat(MessageRenderer.duration(Duration.ofMinutes(150))).isEqualTo("2.5 h");
    }

    private static Notification firing(int count, int spanSeconds, double worstConfidence) {
        return new Notification(Notification.Kind.FIRING, "web-1", T0, T0.plusSeconds(30),
                tally(count, spanSeconds, worstConfidence), Optional.empty(), positions(count));
    }

    /** {@code count} anomalies over {@code spanSeconds}, the last one the worst. */
    private static Tally tally(int count, int spanSeconds, double worstConfidence) {
        Tally tally = Tally.of(AnomalyRecords.anomaly("web-1", T0, Math.min(1.1, worstConfidence)));
        for (int i = 1; i < count; i++) {
            Instant at = T0.plusSeconds((long) spanSeconds * i / (count - 1));
            tally = tally.plus(AnomalyRecords.anomaly("web-1", at, i == count - 1 ? worstConfidence : 1.1));
        }
        return count == 1 ? Tally.of(AnomalyRecords.anomaly("web-1", T0, worstConfidence)) : tally;
    }

    private static List<SourcePosition> positions(int count) {
        List<SourcePosition> positions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            positions.add(new SourcePosition(0, i));
        }
        return positions;
    }

    private static String header(SlackMessage message) {
        return message.blocks().get(0).get("text").get("text").asText();
    }

    private static String blockText(SlackMessage message, int index) {
        return message.blocks().get(index).get("text").get("text").asText();
    }
}
