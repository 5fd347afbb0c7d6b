package dev.anomaly.bench;

import dev.anomaly.model.ModelFamily;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The measurements of one bench run, by the names {@code --skip} takes. */
enum Measurement {
    PASSTHROUGH_EOS("passthrough-eos"),
    PASSTHROUGH_ALO("passthrough-alo"),
    DETECT_EOS("detect-eos"),
    DETECT_ALO("detect-alo"),
    /** detect, exactly-once, with an isolation forest bundle instead of the autoencoder. */
    DETECT_ISOLATION_FOREST("detect-isolation-forest"),
    /** detect, exactly-once, with a random cut forest bundle (learning from every event). */
    DETECT_RANDOM_CUT_FOREST("detect-random-cut-forest"),
    PER_RECORD("per-record"),
    LATENCY("latency"),
    TRAIN("train"),
    /** The alerter's grouping and rendering at many distinct hosts, in-process. */
    ALERTER("alerter"),
    /** The Kafka + Isolation Forest tutorial's setting: its events, three partitions, three detect processes. */
    PEER("peer");

    private final String id;

    Measurement(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The model family a detect measurement scores with (the autoencoder unless it names another). */
    ModelFamily family() {
        return switch (this) {
            case DETECT_ISOLATION_FOREST -> ModelFamily.ISOLATION_FOREST;
            case DETECT_RANDOM_CUT_FOREST -> ModelFamily.RANDOM_CUT_FOREST;
            default -> ModelFamily.AUTOENCODER;
        };
    }

    boolean isDetect() {
        return id.startsWith("detect-");
    }

    /** Every name {@code --skip} accepts: the ids, plus {@code passthrough} and {@code detect} for both modes. */
    static String names() {
        return Stream.concat(Stream.of("passthrough", "detect"), Stream.of(values()).map(Measurement::id))
                .collect(Collectors.joining(", "));
    }

    /**
     * Parses {@code --skip} values.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static Set<Measurement> parse(List<String> names) {
        Set<Measurement> selected = EnumSet.noneOf(Measurement.class);
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            List<Measurement> matching = Stream.of(values())
                    .filter(m -> m.id.equals(name) || m.id.startsWith(name + "-") && isGroup(name)).toList();
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("unknown measurement '" + raw.trim() + "'; use " + names());
            }
            selected.addAll(matching);
        }
        return selected;
    }

    private static boolean isGroup(String name) {
        return name.equals("passthrough") || name.equals("detect");
    }
}
