package dev.anomaly.evaluator.metrics;

import java.util.Objects;

/**
 * The results of one anomaly type, scored one-vs-normal: its events against the normal events, so a flagged
 * event of another type counts neither for nor against it.
 *
 * @param type the label, e.g. {@code cpu_spike}
 * @param scores true positives = flagged events of this type, false positives = flagged normal events,
 *     false negatives = unflagged events of this type
 * @param episodes the type's episodes
 */
public record TypeReport(String type, EventScores scores, EpisodeStats episodes) {
    public TypeReport {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(episodes, "episodes");
    }

    /** Events labelled with this type. */
    public long events() {
        return scores.truePositives() + scores.falseNegatives();
    }

    /** Events of this type that were flagged. */
    public long flagged() {
        return scores.truePositives();
    }
}
