package dev.anomaly.common.event;

import java.util.Arrays;
import java.util.List;

/**
 * Where a record names its host when its Kafka key does not: a field, or a dotted path into nested JSON
 * ({@code tags.host}). Records from real producers often have no key (the tutorial's kafka-python
 * producer) or keep the host inside a tag object (Telegraf's JSON); a record with neither is one series,
 * {@value #DEFAULT_SERIES}, rather than a dead letter.
 */
public final class HostField {
    /** The host of a record with no key and no host field. */
    public static final String DEFAULT_SERIES = "default";

    /** The schema's own top-level {@code host} field. */
    public static final HostField DEFAULT = new HostField(MetricFields.HOST);

    /** Schema fields the parser reads as themselves. */
    private static final java.util.Set<String> RESERVED =
            java.util.Set.of(MetricFields.TIMESTAMP, MetricFields.LABEL, MetricFields.EPISODE);

    private final String path;
    private final List<String> segments;

    private HostField(String path) {
        this.path = path;
        this.segments = List.of(path.split("\\.", -1));
    }

    /**
     * Reads a field name or dotted path.
     *
     * @throws IllegalArgumentException for an empty path or an empty segment ({@code tags..host})
     */
    public static HostField of(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("the host field must not be empty");
        }
        String trimmed = path.trim();
        String[] segments = trimmed.split("\\.", -1);
        if (Arrays.stream(segments).anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + path + "' is not a field name or dotted path such as tags.host");
        }
        if (RESERVED.contains(segments[0])) {
            throw new IllegalArgumentException("'" + segments[0] + "' is the event's own field, not a host");
        }
        return trimmed.equals(MetricFields.HOST) ? DEFAULT : new HostField(trimmed);
    }

    /** The path as given, e.g. {@code tags.host}; also the CSV column name. */
    public String path() {
        return path;
    }

    /** The field names from the top-level object down, at least one. */
    public List<String> segments() {
        return segments;
    }

    public boolean isNested() {
        return segments.size() > 1;
    }

    /**
     * The host of a record: its key when it has one, else the host field's value, else
     * {@value #DEFAULT_SERIES}. Blank values count as absent.
     */
    public static String resolve(String key, String fromField) {
        if (key != null && !key.isBlank()) {
            return key;
        }
        if (fromField != null && !fromField.isBlank()) {
            return fromField;
        }
        return DEFAULT_SERIES;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostField field && field.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
