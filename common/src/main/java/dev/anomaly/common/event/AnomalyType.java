package dev.anomaly.common.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of anomaly the generator injects; the wire name is the event's {@code label}. */
public enum AnomalyType {
    CPU_SPIKE("cpu_spike"),
    MEMORY_LEAK("memory_leak"),
    SLOW_RESPONSE("slow_response"),
    /** The first events after a lasting change of a feature's level (then the new normal, unlabelled). */
    LEVEL_SHIFT("level_shift"),
    /** The first events after a lasting change of a feature's noise (then the new normal, unlabelled). */
    NOISE_CHANGE("noise_change");

    /** The types of the generator's episodes: a spell of abnormal behaviour that ends. */
    public static final java.util.List<AnomalyType> EPISODES = java.util.List.of(CPU_SPIKE, MEMORY_LEAK, SLOW_RESPONSE);

    private final String label;

    AnomalyType(String label) {
        this.label = label;
    }

    /** The name used in JSON, CSV and on the command line. */
    public String label() {
        return label;
    }

    /**
     * The type with this label.
     *
     * @throws IllegalArgumentException naming the known labels
     */
    public static AnomalyType fromLabel(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (AnomalyType type : values()) {
            if (type.label.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown anomaly type '" + label + "'; known: " + labels());
    }

    /** Whether it is one of the {@link #EPISODES}' types. */
    public boolean isEpisode() {
        return EPISODES.contains(this);
    }

    /** All labels, comma-separated, for help and error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(AnomalyType::label).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return label;
    }
}
