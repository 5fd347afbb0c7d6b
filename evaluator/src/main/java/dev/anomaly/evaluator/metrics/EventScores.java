package dev.anomaly.evaluator.metrics;

/**
 * Event-level counts of one comparison (all anomalies against normal, or one type against normal) and the
 * scores derived from them. A score whose denominator is zero is 0; {@link #hasPrecision()} and
 * {@link #hasRecall()} tell a real 0 from an undefined one (the table prints {@code n/a}).
 *
 * @param truePositives flagged anomalous events
 * @param falsePositives flagged normal events
 * @param falseNegatives anomalous events not flagged
 */
public record EventScores(long truePositives, long falsePositives, long falseNegatives) {
    public EventScores {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts must not be negative: tp=" + truePositives + " fp="
                    + falsePositives + " fn=" + falseNegatives);
        }
    }

    /** Flagged / (flagged + flagged normal), or 0 when nothing was flagged. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Flagged / anomalous events, or 0 when there were none. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /**
     * The harmonic mean of precision and recall, 2tp / (2tp + fp + fn): the same number whenever both are
     * defined, and 0 rather than undefined when only one is.
     */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    public boolean hasPrecision() {
        return truePositives + falsePositives > 0;
    }

    public boolean hasRecall() {
        return truePositives + falseNegatives > 0;
    }

    public boolean hasF1() {
        return truePositives + falsePositives + falseNegatives > 0;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
