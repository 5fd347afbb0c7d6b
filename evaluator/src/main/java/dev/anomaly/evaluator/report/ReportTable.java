package dev.anomaly.evaluator.report;

import dev.anomaly.evaluator.metrics.DelayStats;
import dev.anomaly.evaluator.metrics.EpisodeStats;
import dev.anomaly.evaluator.metrics.EvaluationReport;
import dev.anomaly.evaluator.metrics.EventScores;
import dev.anomaly.evaluator.metrics.TypeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as an aligned text table for people: one row per anomaly type, one for all anomalies, one
 * for the normal events with the false alarm rate. Scores that are undefined (nothing to divide by) are
 * shown as {@code n/a}.
 */
public final class ReportTable {
    private static final String[] HEADER = {"type", "events", "flagged", "precision", "recall", "F1", "episodes",
        "detected", "delay events mean/median", "delay s mean/median/max"};
    private static final String ALL = "all anomalies";
    private static final String NOT_AVAILABLE = "n/a";

    private ReportTable() {
    }

    /** The table's lines, without line separators. */
    public static List<String> lines(EvaluationReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TypeReport type : report.types()) {
            rows.add(row(type.type(), type.scores(), type.episodes()));
        }
        rows.add(row(ALL, report.overall(), report.episodes()));
        String[] normal = {"normal", count(report.normalEvents()), count(report.falseAlarms())};
        rows.add(normal);
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            lines.add(align(row, widths));
        }
        int last = lines.size() - 1;
        lines.set(last, lines.get(last) + "  -> " + falseAlarmRate(report));
        if (report.notScored() > 0) {
            lines.add(pad("not scored", widths[0]) + "  " + leftPad(count(report.notScored()), widths[1])
                    + "  (warming up or rejected by the detector; counted as not flagged)");
        }
        if (report.suppressed().events() > 0) {
            lines.add(pad("suppressed", widths[0]) + "  " + leftPad(count(report.suppressed().events()), widths[1])
                    + "  (flagged by the model, not let stand by detect's alert rules; counted as not flagged: "
                    + count(report.suppressed().anomalous()) + " labelled, " + count(report.suppressed().normal())
                    + " normal)");
        }
        return lines;
    }

    private static String[] row(String name, EventScores scores, EpisodeStats episodes) {
        return new String[] {name, count(scores.truePositives() + scores.falseNegatives()),
            count(scores.truePositives()), score(scores.precision(), scores.hasPrecision()),
            score(scores.recall(), scores.hasRecall()), score(scores.f1(), scores.hasF1()),
            count(episodes.episodes()), count(episodes.detected()), delayEvents(episodes.delayEvents()),
            delaySeconds(episodes.delaySeconds())};
    }

    private static String falseAlarmRate(EvaluationReport report) {
        if (report.normalEvents() == 0) {
            return "no normal events";
        }
        return String.format(Locale.ROOT, "%,.1f false alarms per 1,000 normal events", report.falseAlarmsPer1000());
    }

    private static String align(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder(pad(cells[0], widths[0]));
        for (int i = 1; i < cells.length; i++) {
            line.append("  ").append(leftPad(cells[i], widths[i]));
        }
        return line.toString().stripTrailing();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String leftPad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String score(double value, boolean defined) {
        return defined ? String.format(Locale.ROOT, "%.3f", value) : NOT_AVAILABLE;
    }

    private static String delayEvents(DelayStats delay) {
        return delay.isDefined()
                ? String.format(Locale.ROOT, "%.1f / %.1f", delay.mean(), delay.median()) : NOT_AVAILABLE;
    }

    private static String delaySeconds(DelayStats delay) {
        return delay.isDefined()
                ? String.format(Locale.ROOT, "%.1f / %.1f / %.1f", delay.mean(), delay.median(), delay.max())
                : NOT_AVAILABLE;
    }
}
