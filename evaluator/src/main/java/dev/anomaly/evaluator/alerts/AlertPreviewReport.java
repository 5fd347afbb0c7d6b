package dev.anomaly.evaluator.alerts;

import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.alerting.preview.AlertReplay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Slack would have received for a run ({@code evaluate --alerts}), and how the alerts match the labelled
 * episodes.
 *
 * @param policy the grouping replayed
 * @param anomalies flagged records replayed
 * @param unreadable flagged records the alerter could not read (skipped)
 * @param messages the messages by kind
 * @param groupsHeldBack groups held back by the repeat interval
 * @param belowMinSeverity anomalies ignored for their severity
 * @param ruledOut anomalies the alert rules did not let stand
 * @param matching alert episodes against labelled episodes
 * @param perHostPerDay messages per host (sorted by name) per UTC day of the message
 * @param worstHours the hours (UTC, by the message's event time) with the most messages, most first
 * @param sent every message in the order it would be sent
 * @param unknownRuleFeatures features the alert rules name that no anomaly carried (those rules judged nothing)
 */
public record AlertPreviewReport(GroupingPolicy policy, long anomalies, long unreadable, Messages messages,
                                 long groupsHeldBack, long belowMinSeverity, long ruledOut, Matching matching,
                                 SortedMap<String, SortedMap<LocalDate, Long>> perHostPerDay,
                                 List<HourCount> worstHours, List<AlertReplay.Sent> sent,
                                 List<String> unknownRuleFeatures) {
    public AlertPreviewReport {
        SortedMap<String, SortedMap<LocalDate, Long>> copy = new TreeMap<>();
        perHostPerDay.forEach((host, days) -> copy.put(host, Collections.unmodifiableSortedMap(new TreeMap<>(days))));
        perHostPerDay = Collections.unmodifiableSortedMap(copy);
        worstHours = List.copyOf(worstHours);
        sent = List.copyOf(sent);
        unknownRuleFeatures = List.copyOf(unknownRuleFeatures);
    }

    /** Messages by kind: the first of an episode, the repeats, the resolves. */
    public record Messages(long alerts, long repeats, long resolved) {
        public long total() {
            return alerts + repeats + resolved;
        }
    }

    /**
     * Alert episodes against labelled episodes.
     *
     * @param alertEpisodes episodes the alerter raised (one first message each)
     * @param alertEpisodesMatched those overlapping a labelled episode of their host
     * @param alertEpisodesSpanningSeveral those overlapping more than one (each of which counts as alerted)
     * @param labelledEpisodes labelled episodes in the ground truth
     * @param labelledEpisodesAlerted those overlapping an alert episode of their host
     */
    public record Matching(long alertEpisodes, long alertEpisodesMatched, long alertEpisodesSpanningSeveral,
                           long labelledEpisodes, long labelledEpisodesAlerted) {
        /** Alert episodes matching a labelled one / alert episodes; 0 without alerts. */
        public double precision() {
            return alertEpisodes == 0 ? 0 : (double) alertEpisodesMatched / alertEpisodes;
        }

        /** Labelled episodes alerted / labelled episodes; 0 without labelled episodes. */
        public double recall() {
            return labelledEpisodes == 0 ? 0 : (double) labelledEpisodesAlerted / labelledEpisodes;
        }
    }

    /** Messages whose event time falls in one hour. */
    public record HourCount(Instant hour, long messages) {
    }
}
