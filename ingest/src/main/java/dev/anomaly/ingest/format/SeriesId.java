package dev.anomaly.ingest.format;

import java.util.Comparator;
import java.util.Objects;

/**
 * A series of one host: the feature it feeds and what else tells it apart from series of the same name (line
 * protocol tags other than {@code host}, e.g. {@code cpu=cpu0}; empty for collectd, whose names are unique).
 *
 * @param feature the feature's name in the events, e.g. {@code interface-eth0.if_octets.rx} or {@code net.bytes_recv}
 * @param tags the other tags as {@code key=value} pairs joined by commas, sorted by key; empty when none
 */
public record SeriesId(String feature, String tags) implements Comparable<SeriesId> {
    /** Longer names are not metric names but hostile or broken input; records holding them are refused. */
    public static final int MAX_NAME_LENGTH = 1_000;

    private static final Comparator<SeriesId> ORDER =
            Comparator.comparing(SeriesId::feature).thenComparing(SeriesId::tags);

    public SeriesId {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(tags, "tags");
        if (feature.isEmpty()) {
            throw new IllegalArgumentException("a feature name must not be empty");
        }
        if (feature.length() > MAX_NAME_LENGTH || tags.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a series name is longer than " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** A tag key or value as {@code tags} holds it: commas, equals signs and backslashes escaped. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }

    /** The value of one tag (unescaped), or null when the series has no such tag. */
    public String tag(String key) {
        int at = 0;
        while (at < tags.length()) {
            StringBuilder name = new StringBuilder();
            at = unescapeUntil(at, '=', name);
            StringBuilder value = new StringBuilder();
            at = unescapeUntil(at + 1, ',', value);
            if (name.toString().equals(key)) {
                return value.toString();
            }
            at++;
        }
        return null;
    }

    private int unescapeUntil(int from, char end, StringBuilder into) {
        int at = from;
        while (at < tags.length() && tags.charAt(at) != end) {
            if (tags.charAt(at) == '\\' && at + 1 < tags.length()) {
                at++;
            }
            into.append(tags.charAt(at));
            at++;
        }
        return at;
    }

    @Override
    public int compareTo(SeriesId other) {
        return ORDER.compare(this, other);
    }
}
