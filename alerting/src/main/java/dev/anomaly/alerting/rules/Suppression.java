package dev.anomaly.alerting.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Why an anomaly the model found was not let stand: the alert rules it broke, as bits of
 * bits (detect keeps them per event) and as the names the outputs carry ({@code suppressed_by}).
 */
public final class Suppression {
    /** A feature went the way {@code --direction} does not count. */
    public static final int DIRECTION = 1;
    /** A feature was closer to what the model expected than {@code --min-deviation}. */
    public static final int MIN_DEVIATION = 2;
    /** The host had not been anomalous for as long as {@code --for} asks yet. */
    public static final int DURATION = 4;

    private Suppression() {
    }

    /** The rules' names, in a fixed order: {@code direction}, {@code min_deviation}, {@code for}. */
    public static List<String> names(int bits) {
        List<String> names = new ArrayList<>(3);
        if ((bits & DIRECTION) != 0) {
            names.add("direction");
        }
        if ((bits & MIN_DEVIATION) != 0) {
            names.add("min_deviation");
        }
        if ((bits & DURATION) != 0) {
            names.add("for");
        }
        return names;
    }
}
