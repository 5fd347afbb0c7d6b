package dev.anomaly.evaluator.alerts;

import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.common.time.Durations;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The alert preview for people: the messages by kind (and a warning for rules naming features no anomaly
 * carries), alert precision and recall, messages per host per day
 * (the busiest hosts, one column per day for up to a week, else totals) and the worst hours.
 */
public final class AlertPreviewTable {
    /** Hosts shown in the table, the most messages first; --json has them all. */
    static final int HOSTS_SHOWN = 20;
    /** Up to this many days get a column each; longer runs show totals per host. */
    static final int DAY_COLUMNS = 7;
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private AlertPreviewTable() {
    }

    /** The lines, without line separators. */
    public static List<String> lines(AlertPreviewReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Alerts as 'anomaly alert %s' would send them, replayed from %,d "
                + "anomalies:", options(report.policy()), report.anomalies()));
        AlertPreviewReport.Messages messages = report.messages();
        StringBuilder sent = new StringBuilder(String.format(Locale.ROOT, "  messages           %,d: %s, %s, %,d resolved",
                messages.total(), plural(messages.alerts(), "alert"), plural(messages.repeats(), "repeat"),
                messages.resolved()));
        if (report.groupsHeldBack() > 0) {
            sent.append("; ").append(plural(report.groupsHeldBack(), "group")).append(" held back by --repeat-interval");
        }
        if (report.belowMinSeverity() > 0) {
            sent.append("; ").append(plural(report.belowMinSeverity(), "anomaly")).append(" below --min-severity");
        }
        if (report.ruledOut() > 0) {
            sent.append("; ").append(plural(report.ruledOut(), "anomaly")).append(" not let stand by the alert rules");
        }
        if (report.unreadable() > 0) {
            sent.append("; ").append(plural(report.unreadable(), "record")).append(" the alerter could not read");
        }
        lines.add(sent.toString());
        if (!report.unknownRuleFeatures().isEmpty()) {
            lines.add("  warning: the alert rules name " + String.join(", ", report.unknownRuleFeatures())
                    + ", which no anomaly carries; those rules judged nothing");
        }
        AlertPreviewReport.Matching matching = report.matching();
        lines.add(String.format(Locale.ROOT, "  alert episodes     %,d: %,d matched a labelled episode, %,d did not -> "
                + "alert precision %s", matching.alertEpisodes(), matching.alertEpisodesMatched(),
                matching.alertEpisodes() - matching.alertEpisodesMatched(),
                matching.alertEpisodes() == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", matching.precision())));
        lines.add(String.format(Locale.ROOT, "  labelled episodes  %,d: %,d alerted -> alert recall %s%s",
                matching.labelledEpisodes(), matching.labelledEpisodesAlerted(), matching.labelledEpisodes() == 0
                        ? "n/a" : String.format(Locale.ROOT, "%.3f", matching.recall()),
                matching.alertEpisodesSpanningSeveral() == 0 ? "" : String.format(Locale.ROOT,
                        " (%s spanned several labelled episodes, each counted as alerted)",
                        plural(matching.alertEpisodesSpanningSeveral(), "alert episode"))));
        if (!report.perHostPerDay().isEmpty()) {
            lines.add("  messages per host per day (UTC):");
            perHostPerDay(report.perHostPerDay()).forEach(line -> lines.add("    " + line));
        }
        if (!report.worstHours().isEmpty()) {
            StringBuilder worst = new StringBuilder("  worst hours (UTC):");
            for (AlertPreviewReport.HourCount hour : report.worstHours()) {
                worst.append(String.format(Locale.ROOT, " %s %,d;", hour(hour.hour()), hour.messages()));
            }
            lines.add(worst.substring(0, worst.length() - 1));
        }
        return lines;
    }

    /** An hour as people read it; an instant beyond the calendar as it is. */
    private static String hour(Instant hour) {
        try {
            return HOUR.format(hour);
        } catch (DateTimeException e) {
            return hour.toString();
        }
    }

    /** The options that give this policy, as 'alert' takes them. */
    static String options(GroupingPolicy policy) {
        return "--group-wait " + Durations.format(policy.groupWait()) + " --repeat-interval "
                + Durations.format(policy.repeatInterval()) + " --resolve-after "
                + Durations.format(policy.resolveAfter()) + " --min-severity " + policy.minSeverity();
    }

    private static List<String> perHostPerDay(SortedMap<String, SortedMap<LocalDate, Long>> perHostPerDay) {
        TreeSet<LocalDate> days = new TreeSet<>();
        perHostPerDay.values().forEach(byDay -> days.addAll(byDay.keySet()));
        boolean columnPerDay = days.size() <= DAY_COLUMNS;
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("host"));
        if (columnPerDay) {
            days.forEach(day -> header.add(day.toString()));
        } else {
            header.addAll(List.of("days", "mean/day", "max/day"));
        }
        header.add("total");
        rows.add(header.toArray(String[]::new));
        List<Map.Entry<String, SortedMap<LocalDate, Long>>> busiest = perHostPerDay.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, SortedMap<LocalDate, Long>> entry) ->
                        total(entry.getValue())).reversed().thenComparing(Map.Entry::getKey))
                .limit(HOSTS_SHOWN)
                .toList();
        for (Map.Entry<String, SortedMap<LocalDate, Long>> host : busiest) {
            List<String> row = new ArrayList<>(List.of(host.getKey()));
            long total = total(host.getValue());
            if (columnPerDay) {
                days.forEach(day -> row.add(count(host.getValue().getOrDefault(day, 0L))));
            } else {
                row.add(count(host.getValue().size()));
                row.add(String.format(Locale.ROOT, "%.1f", (double) total / days.size()));
                row.add(count(host.getValue().values().stream().mapToLong(Long::longValue).max().orElse(0)));
            }
            row.add(count(total));
            rows.add(row.toArray(String[]::new));
        }
        List<String> lines = align(rows);
        if (perHostPerDay.size() > HOSTS_SHOWN) {
            lines.add(String.format(Locale.ROOT, "... and %,d more hosts (all of them in --json)",
                    perHostPerDay.size() - HOSTS_SHOWN));
        }
        return lines;
    }

    private static List<String> align(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(row[0]).append(" ".repeat(widths[0] - row[0].length()));
            for (int i = 1; i < row.length; i++) {
                line.append("  ").append(" ".repeat(widths[i] - row[i].length())).append(row[i]);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static long total(Map<LocalDate, Long> byDay) {
        return byDay.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String plural(long value, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return String.format(Locale.ROOT, "%,d %s", value, value == 1 ? noun : plural);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
