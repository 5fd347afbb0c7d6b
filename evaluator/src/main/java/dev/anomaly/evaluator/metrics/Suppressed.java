package dev.anomaly.evaluator.metrics;

/**
 * What the detector's alert rules ({@code detect --direction/--min-deviation/--for}) took away: events the
 * model flagged that the rules turned into normal events.
 *
 * @param events every suppressed event
 * @param anomalous those with a label: detections the rules cost; the rest are false alarms they avoided
 */
public record Suppressed(long events, long anomalous) {
    public Suppressed {
        if (events < 0 || anomalous < 0 || anomalous > events) {
            throw new IllegalArgumentException("need 0 <= anomalous <= events, got " + anomalous + " of " + events);
        }
    }

    /** Suppressed events without a label: false alarms the rules avoided. */
    public long normal() {
        return events - anomalous;
    }
}
