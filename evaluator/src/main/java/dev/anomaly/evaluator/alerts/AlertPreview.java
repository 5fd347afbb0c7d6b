package dev.anomaly.evaluator.alerts;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.preview.AlertReplay;
import dev.anomaly.alerting.rules.AnomalyRules;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code evaluate --alerts}: collects a run's anomalies as the alerter reads them and the labelled episodes of
 * its ground truth, then replays the anomalies through the alerter's own grouping ({@link AlertReplay}) and
 * scores the alerts against the episodes.
 *
 * <p>An alert episode (from a host's first message to its resolve) spans its anomalies' event times; it
 * matches a labelled episode of its host when the two spans overlap. Alert precision = alert episodes that
 * match a labelled episode / alert episodes; alert recall = labelled episodes matched by an alert episode /
 * labelled episodes. Not thread-safe; memory grows with the anomalies and the labelled episodes.
 */
public final class AlertPreview {
    /** How many of the hours with the most messages the report names. */
    static final int WORST_HOURS = 5;

    private final List<AlertReplay.Offer> anomalies = new ArrayList<>();
    private final Map<LabelledKey, Span> labelled = new HashMap<>();
    private long unreadable;
    private boolean sharesUnknown;

    /** A flagged record, as the alerter reads it, and where it was read. */
    public void anomaly(Anomaly anomaly, SourcePosition position) {
        anomalies.add(new AlertReplay.Offer(anomaly, position));
    }

    /** A flagged record the alerter could not read (it would skip it with a warning). */
    public void unreadable() {
        unreadable++;
    }

    /** The anomalies carry no shares of the error (a scored CSV from before detect wrote them). */
    public void sharesUnknown() {
        sharesUnknown = true;
    }

    /** An event of the ground truth: those with a label and an episode id make the labelled episodes. */
    public void event(String host, Instant timestamp, String label, String episode) {
        if (label == null || label.isBlank() || episode == null || episode.isBlank()) {
            return;
        }
        labelled.merge(new LabelledKey(host, episode.strip()), new Span(timestamp, timestamp), Span::union);
    }

    /** Replays what was collected under the policy and the rules, and scores the alerts. */
    /**
     * @throws IllegalArgumentException one line, when rules are given for anomalies without shares of the error
     */
    public AlertPreviewReport report(GroupingPolicy policy, AnomalyRules rules) {
        if (sharesUnknown && !rules.isEmpty()) {
            throw new IllegalArgumentException("the alert rules weigh each feature's share of the error, which this "
                    + "scored CSV does not carry (no share_ columns): score it again with 'anomaly detect --input ... "
                    + "--output', or preview from the topics");
        }
        Set<String> carried = new LinkedHashSet<>();
        anomalies.forEach(offer -> offer.anomaly().features().forEach(feature -> carried.add(feature.feature())));
        AlertReplay.Result replay = AlertReplay.replay(anomalies, policy, rules);
        Map<String, List<Span>> alertEpisodes = new TreeMap<>();
        Map<String, Span> open = new HashMap<>();
        SortedMap<String, SortedMap<LocalDate, Long>> perHostPerDay = new TreeMap<>();
        Map<Instant, Long> perHour = new HashMap<>();
        long[] byKind = new long[Notification.Kind.values().length];
        for (AlertReplay.Sent sent : replay.sent()) {
            Notification notification = sent.notification();
            byKind[notification.kind().ordinal()]++;
            perHostPerDay.computeIfAbsent(notification.host(), host -> new TreeMap<>())
                    .merge(dayOf(notification.at()), 1L, Long::sum);
            perHour.merge(notification.at().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
            // A host's messages come in order: its first opens an episode, its resolve ends it.
            Span span = new Span(notification.tally().first(), notification.tally().last())
                    .union(new Span(notification.episodeStart(), notification.episodeStart()));
            if (notification.kind() == Notification.Kind.FIRING || !open.containsKey(notification.host())) {
                open.put(notification.host(), span);
            } else {
                open.merge(notification.host(), span, Span::union);
            }
            if (notification.kind() == Notification.Kind.RESOLVED) {
                alertEpisodes.computeIfAbsent(notification.host(), host -> new ArrayList<>())
                        .add(open.remove(notification.host()));
            }
        }
        // The replay resolves every episode at the end; an open one here would be a bug, yet still an alert.
        open.forEach((host, span) -> alertEpisodes.computeIfAbsent(host, h -> new ArrayList<>()).add(span));
        Map<String, List<Span>> labelledByHost = new HashMap<>();
        labelled.forEach((key, span) -> labelledByHost.computeIfAbsent(key.host(), h -> new ArrayList<>()).add(span));
        long alerts = 0;
        long matched = 0;
        long spanningSeveral = 0;
        for (Map.Entry<String, List<Span>> host : alertEpisodes.entrySet()) {
            List<Span> truth = labelledByHost.getOrDefault(host.getKey(), List.of());
            for (Span alert : host.getValue()) {
                alerts++;
                long overlapped = truth.stream().filter(alert::overlaps).count();
                matched += overlapped > 0 ? 1 : 0;
                spanningSeveral += overlapped > 1 ? 1 : 0;
            }
        }
        long alerted = 0;
        for (Map.Entry<LabelledKey, Span> episode : labelled.entrySet()) {
            List<Span> raised = alertEpisodes.getOrDefault(episode.getKey().host(), List.of());
            if (raised.stream().anyMatch(episode.getValue()::overlaps)) {
                alerted++;
            }
        }
        List<AlertPreviewReport.HourCount> worst = perHour.entrySet().stream()
                .sorted(Map.Entry.<Instant, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(WORST_HOURS)
                .map(entry -> new AlertPreviewReport.HourCount(entry.getKey(), entry.getValue()))
                .toList();
        return new AlertPreviewReport(policy, anomalies.size(), unreadable,
                new AlertPreviewReport.Messages(byKind[Notification.Kind.FIRING.ordinal()],
                        byKind[Notification.Kind.REPEAT.ordinal()], byKind[Notification.Kind.RESOLVED.ordinal()]),
                replay.groupsHeldBack(), replay.belowMinSeverity(), replay.ruledOut(), new AlertPreviewReport.Matching(alerts, matched,
                        spanningSeveral, labelled.size(), alerted), perHostPerDay, worst, replay.sent(),
                anomalies.isEmpty() ? List.of() : rules.unknown(carried));
    }

    /** The UTC day of an instant; the calendar's ends for instants beyond it (the alerter tolerates any time). */
    static LocalDate dayOf(Instant at) {
        try {
            return LocalDate.ofInstant(at, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return at.isBefore(Instant.EPOCH) ? LocalDate.MIN : LocalDate.MAX;
        }
    }

    private record LabelledKey(String host, String episode) {
    }

    /** An inclusive span of event time. */
    private record Span(Instant from, Instant to) {
        Span union(Span other) {
            return new Span(from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
        }

        boolean overlaps(Span other) {
            return !from.isAfter(other.to) && !other.from.isAfter(to);
        }
    }
}
