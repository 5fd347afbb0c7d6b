package dev.anomaly.detector.state;

import dev.anomaly.common.event.Severity;

/**
 * How each host's anomaly likelihood is computed (see {@link ErrorBaseline}).
 *
 * @param threshold an event is an anomaly when its likelihood is at least this (0.5 &lt; threshold &lt; 1)
 * @param shortWindow errors averaged into the short-term figure that is judged (1: each event alone)
 * @param warmUp events a host must have had before its likelihood is used; until then the model's threshold
 *     decides, at twice it (HIGH) since 5% of normal events exceed it by design
 * @param step how far, in spreads, the baseline's median and quartile move per event: a lasting change of
 *     D spreads is the new normal after about D / step events, while one event moves them by one step whatever
 *     its size
 * @param minSpread the smallest spread (of log errors) the baseline assumes, so that a flat line's tiny
 *     wobbles are not anomalies
 * @param floorShare errors are compared as log(error / the model's threshold + floorShare): far below the
 *     threshold they all look alike, far above it they count by their ratio
 */
public record LikelihoodSettings(double threshold, int shortWindow, int warmUp, double step, double minSpread,
                                 double floorShare) {
    /** {@code --likelihood-threshold}'s default. */
    public static final double DEFAULT_THRESHOLD = 0.999999;
    /** {@code --likelihood-window}'s default. */
    public static final int DEFAULT_SHORT_WINDOW = 1;
    /** A host's first events, judged by the model's threshold while its baseline forms. */
    public static final int DEFAULT_WARM_UP = 30;
    /**
     * Events above the model's threshold stay out of a warming host's baseline until it has had this many
     * times the warm-up's events; then every event counts, so a host that lives above the threshold warms up.
     */
    public static final int WARM_UP_PATIENCE = 3;

    /** The defaults (chosen with {@code evaluate}, see the README), with the given threshold and short window. */
    public static LikelihoodSettings of(double threshold, int shortWindow) {
        return new LikelihoodSettings(threshold, shortWindow, DEFAULT_WARM_UP, 0.01, 0.01, 1.0);
    }

    public LikelihoodSettings {
        if (!(threshold > 0.5 && threshold < 1)) {
            throw new IllegalArgumentException("the likelihood threshold must be above 0.5 and below 1, got "
                    + threshold);
        }
        if (shortWindow < 1 || shortWindow > 100) {
            throw new IllegalArgumentException("the likelihood window must be 1 to 100 events, got " + shortWindow);
        }
        if (warmUp < 2 || !(step > 0 && step < 1) || !(minSpread > 0) || !(floorShare > 0)) {
            throw new IllegalArgumentException("likelihood settings out of range: warm-up " + warmUp + ", step "
                    + step + ", min spread " + minSpread + ", floor share " + floorShare);
        }
    }

    /** The likelihood from which an anomaly is HIGH rather than MEDIUM: two more nines. */
    public double highFrom() {
        return 1 - (1 - threshold) / 100;
    }

    /** MEDIUM from the threshold on, HIGH from {@link #highFrom()} on. */
    public Severity severity(double likelihood) {
        if (likelihood >= highFrom()) {
            return Severity.HIGH;
        }
        return likelihood >= threshold ? Severity.MEDIUM : Severity.NONE;
    }
}
