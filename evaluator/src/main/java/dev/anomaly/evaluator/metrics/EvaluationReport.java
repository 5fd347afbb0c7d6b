package dev.anomaly.evaluator.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How well a run's flags match the ground truth: event-level scores overall and per type, episode
 * detection and delay, and the false alarm rate. Built by {@link EvaluationAccumulator#report()}.
 *
 * @param events events evaluated (normal and anomalous, including those not scored)
 * @param normalEvents events without a label
 * @param notScored events the detector did not score (warming up, rejected), counted as not flagged
 * @param overall true positives = flagged anomalous events, false positives = flagged normal events,
 *     false negatives = unflagged anomalous events
 * @param types one entry per label seen, by label
 * @param episodes all episodes, whatever their type
 * @param suppressed events the model flagged and the detector's alert rules did not let stand, counted as not
 *     flagged
 */
public record EvaluationReport(long events, long normalEvents, long notScored, EventScores overall,
                               List<TypeReport> types, EpisodeStats episodes, Suppressed suppressed) {
    public EvaluationReport {
        Objects.requireNonNull(overall, "overall");
        Objects.requireNonNull(episodes, "episodes");
        Objects.requireNonNull(suppressed, "suppressed");
        if (suppressed.events() > events - notScored) {
            throw new IllegalArgumentException("more suppressed events than scored events");
        }
        types = List.copyOf(types);
        if (normalEvents < 0 || notScored < 0 || notScored > events) {
            throw new IllegalArgumentException("need 0 <= notScored <= events and normalEvents >= 0");
        }
        if (events != normalEvents + overall.truePositives() + overall.falseNegatives()) {
            throw new IllegalArgumentException("events (" + events + ") must be normal events (" + normalEvents
                    + ") plus anomalous events (" + (overall.truePositives() + overall.falseNegatives()) + ")");
        }
        if (overall.falsePositives() > normalEvents) {
            throw new IllegalArgumentException("more flagged normal events than normal events");
        }
    }

    /** Events with a label. */
    public long anomalousEvents() {
        return events - normalEvents;
    }

    /** Flagged normal events. */
    public long falseAlarms() {
        return overall.falsePositives();
    }

    /** 1000 × flagged normal events / normal events, or 0 when there were no normal events. */
    public double falseAlarmsPer1000() {
        return normalEvents == 0 ? 0 : 1000.0 * overall.falsePositives() / normalEvents;
    }

    /** The results of one type, if any event carried that label. */
    public Optional<TypeReport> type(String label) {
        return types.stream().filter(type -> type.type().equals(label)).findFirst();
    }
}
