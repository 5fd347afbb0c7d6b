package dev.anomaly.generator.simulation;

import java.time.Duration;
import java.util.Objects;

/**
 * Lasting changes of a host's normal behaviour, to test how detection adapts: what real metrics do that the
 * tutorial's stationary stream does not. A level shift or a noise change is an anomaly for its first
 * {@code labelLength} (labelled {@code level_shift} / {@code noise_change}) and the host's new normal after
 * that (unlabelled); trends and cycles are normal throughout.
 *
 * @param levelShiftEvery mean simulated time between two level shifts of a host (uniformly 50–150% of it);
 *     zero for none. Each moves one feature, drawn uniformly, by 3 to 5 of its noise's standard deviations,
 *     down if the feature is above its usual level, else up
 * @param noiseChangeEvery mean simulated time between two noise changes of a host; zero for none. Each
 *     multiplies one feature's noise by 2.5, or brings a feature's noise back
 * @param labelLength how long after a change its events are labelled
 * @param trendPerHour cpu points added per simulated hour since the start (negative: down), clipped to 0–100
 * @param dailyAmplitude cpu and memory points of a daily cycle (a sine peaking at 06:00 UTC)
 * @param weeklyAmplitude cpu and memory points of a weekly cycle
 */
public record Changes(Duration levelShiftEvery, Duration noiseChangeEvery, Duration labelLength,
                      double trendPerHour, double dailyAmplitude, double weeklyAmplitude) {
    /** The shortest mean time between two changes: anything shorter is noise, not a lasting change. */
    public static final Duration MIN_EVERY = Duration.ofSeconds(1);

    /** The tutorial's stationary stream. */
    public static final Changes NONE = new Changes(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1), 0, 0, 0);

    public Changes {
        Objects.requireNonNull(levelShiftEvery, "levelShiftEvery");
        Objects.requireNonNull(noiseChangeEvery, "noiseChangeEvery");
        Objects.requireNonNull(labelLength, "labelLength");
        if (levelShiftEvery.isNegative() || noiseChangeEvery.isNegative()) {
            throw new IllegalArgumentException("the time between changes must not be negative");
        }
        if (isBelow(levelShiftEvery, MIN_EVERY) || isBelow(noiseChangeEvery, MIN_EVERY)) {
            throw new IllegalArgumentException("the time between changes must be 0 (none) or at least "
                    + MIN_EVERY.toSeconds() + "s");
        }
        if (labelLength.isNegative()) {
            throw new IllegalArgumentException("the label length of a change must not be negative, got "
                    + labelLength);
        }
        if (!Double.isFinite(trendPerHour) || !(dailyAmplitude >= 0 && dailyAmplitude <= 100)
                || !(weeklyAmplitude >= 0 && weeklyAmplitude <= 100)) {
            throw new IllegalArgumentException("a trend must be a number and cycle amplitudes 0 to 100 points, got "
                    + trendPerHour + ", " + dailyAmplitude + ", " + weeklyAmplitude);
        }
    }

    /** Whether the options ask for anything at all. */
    public boolean any() {
        return !levelShiftEvery.isZero() || !noiseChangeEvery.isZero() || trendPerHour != 0 || dailyAmplitude != 0
                || weeklyAmplitude != 0;
    }

    private static boolean isBelow(Duration every, Duration minimum) {
        return !every.isZero() && every.compareTo(minimum) < 0;
    }
}
