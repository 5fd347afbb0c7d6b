package dev.anomaly.alerting.rules;

import dev.anomaly.common.event.WireNumbers;

/**
 * The judgement of {@code --direction} and {@code --min-deviation}, one implementation for {@code detect} (on a
 * scored batch) and {@code alert} (on an anomaly record): an anomaly stands only when the features that depart
 * from what the model expected the way the rules allow explain at least {@link #EXPLAINED_SHARE} of its error.
 * A feature without an expected value (a forest, on a host's first event) cannot be judged and counts.
 * Shares are judged as written ({@link #writtenShare}); values and expected values as the records carry them
 * (to float precision), so only a feature within a millionth of a boundary could be judged otherwise.
 */
public final class Departures {
    /** The share of the error the allowed features must explain: the features an alert marks as the cause. */
    public static final double EXPLAINED_SHARE = 0.5;

    private Departures() {
    }

    /**
     * A share as the outputs write it (four decimals): detect judges on this figure, so that an alerter reading
     * the record judges the same anomaly the same way, even at the boundary.
     */
    public static double writtenShare(float share) {
        return WireNumbers.writtenShare(share);
    }

    /** One anomaly's features, in the order of the rules judging them. */
    public interface Features {
        /** The event's value of feature {@code f}. */
        double value(int f);

        /** What the model expected of feature {@code f}; not finite when it gives none. */
        double expected(int f);

        /** Feature {@code f}'s share of the error, 0 to 1. */
        double share(int f);
    }

    /**
     * Judges an anomaly.
     *
     * @param directions per feature, which way counts
     * @param minDeviations per feature, how far counts; null entries: any distance
     * @return 0 when the anomaly stands, else the {@link Suppression} bits of the rules that removed it
     */
    public static int judge(Direction[] directions, MinDeviation[] minDeviations, Features features) {
        double explained = 0;
        int failed = 0;
        for (int f = 0; f < directions.length; f++) {
            double expected = features.expected(f);
            double value = features.value(f);
            if (!Double.isFinite(expected) || !Double.isFinite(value)) {
                explained += features.share(f);
                continue;
            }
            boolean wayAllowed = directions[f].allows(value - expected);
            boolean farEnough = minDeviations[f] == null || minDeviations[f].allows(value, expected);
            if (wayAllowed && farEnough) {
                explained += features.share(f);
            } else {
                failed |= (wayAllowed ? 0 : Suppression.DIRECTION) | (farEnough ? 0 : Suppression.MIN_DEVIATION);
            }
        }
        return failed != 0 && explained < EXPLAINED_SHARE ? failed : 0;
    }
}
