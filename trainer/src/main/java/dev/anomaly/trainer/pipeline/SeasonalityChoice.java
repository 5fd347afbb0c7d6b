package dev.anomaly.trainer.pipeline;

import dev.anomaly.common.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --seasonality}: {@code auto} (find the periods in the training data), {@code none}, or a list of
 * periods such as {@code 300s,600s} or {@code 1d,7d}.
 *
 * @param mode auto, none or fixed
 * @param periods the fixed periods (empty otherwise)
 */
public record SeasonalityChoice(String mode, List<Duration> periods) {
    public static final String AUTO = "auto";
    public static final String NONE = "none";
    public static final String FIXED = "fixed";

    public SeasonalityChoice {
        periods = List.copyOf(periods);
    }

    /** Parses the option's value. */
    public static SeasonalityChoice parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals(AUTO)) {
            return new SeasonalityChoice(AUTO, List.of());
        }
        if (value.equals(NONE)) {
            return new SeasonalityChoice(NONE, List.of());
        }
        List<Duration> periods = new ArrayList<>();
        for (String part : value.split(",")) {
            Duration period = Durations.parse(part);
            if (period.toMillis() < 1000) {
                throw new IllegalArgumentException("a period must be at least 1s, got " + part.trim());
            }
            periods.add(period);
        }
        return new SeasonalityChoice(FIXED, periods.stream().sorted().distinct().toList());
    }
}
