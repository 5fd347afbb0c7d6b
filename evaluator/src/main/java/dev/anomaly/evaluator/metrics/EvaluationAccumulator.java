package dev.anomaly.evaluator.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects events with their ground truth and whether the detector flagged them, and computes an
 * {@link EvaluationReport} at any time.
 *
 * <p>An event with a non-blank label is anomalous, of that type; others are normal. Events with the same
 * host and episode id belong to one episode (its type is the label of its first event); an anomalous
 * event without an episode id counts at event level only. Events may arrive in any order: delays are
 * measured in timestamp order within each episode.
 *
 * <p>Not thread-safe. Memory grows with the number of anomalous events (one timestamp each).
 */
public final class EvaluationAccumulator {
    private final Map<String, TypeCounts> types = new TreeMap<>();
    private final Map<EpisodeKey, EpisodeTracker> episodes = new HashMap<>();
    private long events;
    private long normalEvents;
    private long falsePositives;
    private long notScored;
    private long suppressed;
    private long suppressedAnomalous;

    /**
     * Adds one scored event.
     *
     * @param host the event's host
     * @param timestamp the event's (simulated) time
     * @param label the ground-truth anomaly type; null or blank for a normal event
     * @param episode the ground-truth episode id; null or blank when none
     * @param flagged whether the detector flagged the event as anomalous
     */
    public void add(String host, Instant timestamp, String label, String episode, boolean flagged) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timestamp, "timestamp");
        events++;
        String type = blankToNull(label);
        if (type == null) {
            normalEvents++;
            if (flagged) {
                falsePositives++;
            }
            return;
        }
        types.computeIfAbsent(type, name -> new TypeCounts()).add(flagged);
        String episodeId = blankToNull(episode);
        if (episodeId != null) {
            episodes.computeIfAbsent(new EpisodeKey(host, episodeId), key -> new EpisodeTracker(type))
                    .add(timestamp.toEpochMilli(), flagged);
        }
    }

    /**
     * Adds an event the detector did not score (its window was not full yet, or the record was rejected):
     * it counts as not flagged, and in {@link EvaluationReport#notScored()}.
     */
    public void addNotScored(String host, Instant timestamp, String label, String episode) {
        add(host, timestamp, label, episode, false);
        notScored++;
    }

    /**
     * Adds a scored event whose anomaly an alert rule of the detector did not let stand ({@code suppressed_by}):
     * it counts as not flagged, and in {@link EvaluationReport#suppressed()}, so what the rules cost in recall
     * and saved in false alarms can be read off the report.
     */
    public void addSuppressed(String host, Instant timestamp, String label, String episode) {
        add(host, timestamp, label, episode, false);
        suppressed++;
        if (blankToNull(label) != null) {
            suppressedAnomalous++;
        }
    }

    /** The results of every event added so far; adding may go on afterwards. */
    public EvaluationReport report() {
        long truePositives = 0;
        long falseNegatives = 0;
        List<TypeReport> typeReports = new ArrayList<>(types.size());
        for (Map.Entry<String, TypeCounts> entry : types.entrySet()) {
            TypeCounts counts = entry.getValue();
            truePositives += counts.flagged;
            falseNegatives += counts.events - counts.flagged;
            List<EpisodeTracker> ofType = episodes.values().stream()
                    .filter(tracker -> tracker.type().equals(entry.getKey())).toList();
            typeReports.add(new TypeReport(entry.getKey(),
                    new EventScores(counts.flagged, falsePositives, counts.events - counts.flagged),
                    episodeStats(ofType)));
        }
        return new EvaluationReport(events, normalEvents, notScored,
                new EventScores(truePositives, falsePositives, falseNegatives), typeReports,
                episodeStats(episodes.values()), new Suppressed(suppressed, suppressedAnomalous));
    }

    private static EpisodeStats episodeStats(Iterable<EpisodeTracker> trackers) {
        int total = 0;
        List<EpisodeTracker> detected = new ArrayList<>();
        for (EpisodeTracker tracker : trackers) {
            total++;
            if (tracker.detected()) {
                detected.add(tracker);
            }
        }
        double[] delayEvents = detected.stream().mapToDouble(EpisodeTracker::delayEvents).toArray();
        double[] delaySeconds = detected.stream().mapToDouble(EpisodeTracker::delaySeconds).toArray();
        return new EpisodeStats(total, detected.size(), DelayStats.of(delayEvents), DelayStats.of(delaySeconds));
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** Episode ids need not be unique across hosts (an episode is injected into one host). */
    private record EpisodeKey(String host, String episode) {
    }

    private static final class TypeCounts {
        private long events;
        private long flagged;

        void add(boolean isFlagged) {
            events++;
            if (isFlagged) {
                flagged++;
            }
        }
    }
}
