package dev.anomaly.evaluator.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.anomaly.common.io.AtomicFile;
import dev.anomaly.evaluator.alerts.AlertPreviewJson;
import dev.anomaly.evaluator.alerts.AlertPreviewReport;
import dev.anomaly.evaluator.metrics.DelayStats;
import dev.anomaly.evaluator.metrics.EpisodeStats;
import dev.anomaly.evaluator.metrics.EvaluationReport;
import dev.anomaly.evaluator.metrics.EventScores;
import dev.anomaly.evaluator.metrics.TypeReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The report as JSON for machines, with snake_case keys: {@code source}, {@code events},
 * {@code normal_events}, {@code anomalous_events}, {@code not_scored}, {@code unreadable_records},
 * {@code unmatched_flagged}, {@code false_alarms}, {@code false_alarms_per_1000}, {@code overall}
 * (precision, recall, f1, tp, fp, fn), {@code types} (per label: events, flagged, precision, recall, f1,
 * tp, fp, fn and the episode fields) and {@code episodes} (all types: episodes, episodes_detected,
 * episode_recall, delay_events_mean/median/max, delay_seconds_mean/median/max). Undefined scores are 0;
 * delays are null when no episode was detected. With {@code --alerts}, {@code alerts}: see
 * {@link AlertPreviewJson#writeField}.
 */
public final class ReportJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    /** The report as a pretty-printed JSON object. */
    public static String toJson(EvaluationReport report, SourceSummary source) {
        return toJson(report, source, Optional.empty());
    }

    /** The report as a pretty-printed JSON object, with the alert preview's {@code alerts} when there is one. */
    public static String toJson(EvaluationReport report, SourceSummary source, Optional<AlertPreviewReport> alerts) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("source", source.source());
            json.writeNumberField("events", report.events());
            json.writeNumberField("normal_events", report.normalEvents());
            json.writeNumberField("anomalous_events", report.anomalousEvents());
            json.writeNumberField("not_scored", report.notScored());
            json.writeNumberField("suppressed_by_rules", report.suppressed().events());
            json.writeNumberField("suppressed_anomalous", report.suppressed().anomalous());
            json.writeNumberField("unreadable_records", source.unreadableRecords());
            json.writeNumberField("unmatched_flagged", source.unmatchedFlagged());
            json.writeNumberField("false_alarms", report.falseAlarms());
            json.writeNumberField("false_alarms_per_1000", report.falseAlarmsPer1000());
            json.writeObjectFieldStart("overall");
            writeScores(json, report.overall());
            json.writeEndObject();
            json.writeObjectFieldStart("types");
            for (TypeReport type : report.types()) {
                json.writeObjectFieldStart(type.type());
                json.writeNumberField("events", type.events());
                json.writeNumberField("flagged", type.flagged());
                writeScores(json, type.scores());
                writeEpisodes(json, type.episodes());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeObjectFieldStart("episodes");
            writeEpisodes(json, report.episodes());
            json.writeEndObject();
            if (alerts.isPresent()) {
                AlertPreviewJson.writeField(json, alerts.get());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report as JSON", e);
        }
        return out.toString();
    }

    /**
     * Writes the JSON to {@code file} atomically: readers see the old file or the whole new one, never a
     * partial one. Missing parent directories are created.
     */
    public static void write(EvaluationReport report, SourceSummary source, Optional<AlertPreviewReport> alerts,
                             Path file) throws IOException {
        AtomicFile.writeString(file, toJson(report, source, alerts) + "\n");
    }

    private static void writeScores(JsonGenerator json, EventScores scores) throws IOException {
        json.writeNumberField("precision", scores.precision());
        json.writeNumberField("recall", scores.recall());
        json.writeNumberField("f1", scores.f1());
        json.writeNumberField("tp", scores.truePositives());
        json.writeNumberField("fp", scores.falsePositives());
        json.writeNumberField("fn", scores.falseNegatives());
    }

    private static void writeEpisodes(JsonGenerator json, EpisodeStats episodes) throws IOException {
        json.writeNumberField("episodes", episodes.episodes());
        json.writeNumberField("episodes_detected", episodes.detected());
        json.writeNumberField("episode_recall", episodes.recall());
        writeDelay(json, "delay_events", episodes.delayEvents());
        writeDelay(json, "delay_seconds", episodes.delaySeconds());
    }

    private static void writeDelay(JsonGenerator json, String prefix, DelayStats delay) throws IOException {
        writeNullable(json, prefix + "_mean", delay.mean());
        writeNullable(json, prefix + "_median", delay.median());
        writeNullable(json, prefix + "_max", delay.max());
    }

    private static void writeNullable(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isNaN(value)) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
