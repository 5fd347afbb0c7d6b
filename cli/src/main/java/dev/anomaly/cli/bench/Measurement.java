package dev.anomaly.cli.bench;

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
    PER_RECORD("per-record"),
    LATENCY("latency"),
    TRAIN("train");

    private final String id;

    Measurement(String id) {
        this.id = id;
    }

    String id() {
        return id;
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
