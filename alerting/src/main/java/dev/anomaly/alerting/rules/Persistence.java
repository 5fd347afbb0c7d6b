package dev.anomaly.alerting.rules;

import dev.anomaly.common.time.Durations;
import java.time.Duration;

/**
 * How long a host must stay anomalous before its anomaly stands ({@code --for}): a number of consecutive
 * anomalous events ({@code 3}), or a span of event time from the first of them ({@code 30s}), the way
 * monitors use a trigger window. One anomalous event alone is a blip, not an incident.
 *
 * @param events the least number of consecutive anomalous events, the current one included; 1 with a span
 * @param spanMillis the least event time from the first anomalous event of the run to the current one; 0 with
 *     a count
 */
public record Persistence(int events, long spanMillis) {
    /** Every anomaly stands at once: what detect does without {@code --for}. */
    public static final Persistence NONE = new Persistence(1, 0);

    public Persistence {
        if (events < 1 || spanMillis < 0) {
            throw new IllegalArgumentException("--for needs at least 1 event or a duration from 0, got " + events
                    + " events and " + spanMillis + " ms");
        }
    }

    /** Whether a run of {@code length} anomalous events spanning {@code span} ms of event time is enough. */
    public boolean reached(int length, long span) {
        return length >= events && span >= spanMillis;
    }

    /** Whether every anomaly stands at once. */
    public boolean isNone() {
        return events <= 1 && spanMillis == 0;
    }

    /**
     * Parses {@code 3} (events) or a duration ({@code 30s}, {@code 2m}, {@code 500ms}: see {@link Durations}).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Persistence parse(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("[+-]?[\\d.]+")) {
            if (!trimmed.matches("\\d+")) {
                throw new IllegalArgumentException("--for takes a whole number of events (3) or a duration with its "
                        + "unit (30s), got '" + text + "'");
            }
            try {
                return new Persistence(Integer.parseInt(trimmed), 0);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--for " + trimmed + ": too many events");
            }
        }
        Duration span;
        try {
            span = Durations.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--for takes a number of events (3) or a duration (30s), got '"
                    + text + "'", e);
        }
        if (span.isNegative()) {
            throw new IllegalArgumentException("--for takes a duration from 0, got '" + text + "'");
        }
        return new Persistence(1, span.toMillis());
    }

    @Override
    public String toString() {
        return spanMillis > 0 ? Durations.format(Duration.ofMillis(spanMillis)) : events + " events";
    }
}
