package dev.anomaly.trainer.source;

/**
 * An event as training collects it.
 *
 * @param key the host; windows are assembled per host
 * @param epochMillis the event's time, or {@link dev.anomaly.model.TimedSample#NO_TIME}
 * @param values raw feature values in feature order
 * @param labelled whether the event carries an anomaly label (it is then excluded, and breaks its host's
 *     window so no training window spans an anomaly)
 */
public record TrainingEvent(String key, long epochMillis, double[] values, boolean labelled) {
}
