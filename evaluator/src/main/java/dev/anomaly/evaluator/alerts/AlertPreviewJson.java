package dev.anomaly.evaluator.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.preview.AlertReplay;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * The alert preview as JSON: the {@code alerts} object of {@code evaluate --json}, and the messages file of
 * {@code --alerts-messages} (one JSON object per line: kind, host, episode_start, at, text, blocks).
 */
public final class AlertPreviewJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private AlertPreviewJson() {
    }

    /**
     * Writes the {@code alerts} field: {@code grouping} (the options), {@code anomalies}, {@code unreadable},
     * {@code messages} (total, alerts, repeats, resolved), {@code groups_held_back}, {@code below_min_severity}, {@code ruled_out}, {@code unknown_rule_features},
     * {@code alert_episodes}, {@code alert_episodes_matched}, {@code alert_episodes_spanning_several}, {@code alert_precision}, {@code labelled_episodes},
     * {@code labelled_episodes_alerted}, {@code alert_recall}, {@code per_host_per_day} (host → day → messages)
     * and {@code worst_hours} (hour, messages).
     */
    public static void writeField(JsonGenerator json, AlertPreviewReport report) throws IOException {
        json.writeObjectFieldStart("alerts");
        json.writeStringField("grouping", AlertPreviewTable.options(report.policy()));
        json.writeNumberField("anomalies", report.anomalies());
        json.writeNumberField("unreadable", report.unreadable());
        json.writeObjectFieldStart("messages");
        json.writeNumberField("total", report.messages().total());
        json.writeNumberField("alerts", report.messages().alerts());
        json.writeNumberField("repeats", report.messages().repeats());
        json.writeNumberField("resolved", report.messages().resolved());
        json.writeEndObject();
        json.writeNumberField("groups_held_back", report.groupsHeldBack());
        json.writeNumberField("below_min_severity", report.belowMinSeverity());
        json.writeNumberField("ruled_out", report.ruledOut());
        json.writeArrayFieldStart("unknown_rule_features");
        for (String feature : report.unknownRuleFeatures()) {
            json.writeString(feature);
        }
        json.writeEndArray();
        AlertPreviewReport.Matching matching = report.matching();
        json.writeNumberField("alert_episodes", matching.alertEpisodes());
        json.writeNumberField("alert_episodes_matched", matching.alertEpisodesMatched());
        json.writeNumberField("alert_episodes_spanning_several", matching.alertEpisodesSpanningSeveral());
        json.writeNumberField("alert_precision", matching.precision());
        json.writeNumberField("labelled_episodes", matching.labelledEpisodes());
        json.writeNumberField("labelled_episodes_alerted", matching.labelledEpisodesAlerted());
        json.writeNumberField("alert_recall", matching.recall());
        json.writeObjectFieldStart("per_host_per_day");
        for (Map.Entry<String, SortedMap<LocalDate, Long>> host : report.perHostPerDay().entrySet()) {
            json.writeObjectFieldStart(host.getKey());
            for (Map.Entry<LocalDate, Long> day : host.getValue().entrySet()) {
                json.writeNumberField(day.getKey().toString(), day.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeArrayFieldStart("worst_hours");
        for (AlertPreviewReport.HourCount hour : report.worstHours()) {
            json.writeStartObject();
            json.writeStringField("hour", hour.hour().toString());
            json.writeNumberField("messages", hour.messages());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Writes every message, one JSON object per line, in the order the alerter would send them. */
    public static void writeMessages(AlertPreviewReport report, Writer out) throws IOException {
        for (AlertReplay.Sent sent : report.sent()) {
            Notification notification = sent.notification();
            try (JsonGenerator json = FACTORY.createGenerator(out)) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.writeStartObject();
                json.writeStringField("kind", notification.kind().name().toLowerCase(Locale.ROOT));
                json.writeStringField("host", notification.host());
                json.writeStringField("episode_start", notification.episodeStart().toString());
                json.writeStringField("at", notification.at().toString());
                json.writeStringField("text", sent.message().text());
                json.writeFieldName("blocks");
                MAPPER.writeTree(json, sent.message().blocks());
                json.writeEndObject();
            }
            out.write('\n');
        }
    }
}
