package dev.anomaly.alerting.grouping;

import dev.anomaly.common.event.Severity;
import dev.anomaly.common.time.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How anomalies become messages, in event time, the way Alertmanager groups alerts.
 *
 * @param groupWait anomalies of one host within this span of the first become one message
 * @param repeatInterval while an episode goes on, a group closing sooner than this after the host's last
 *     message is held back (and summarised by the next one)
 * @param resolveAfter a host with no anomaly for this long gets a resolved message
 * @param minSeverity anomalies below this are ignored
 */
public record GroupingPolicy(Duration groupWait, Duration repeatInterval, Duration resolveAfter,
                             Severity minSeverity) {
    /** {@code alert --group-wait}'s default, as the option spells it. */
    public static final String DEFAULT_GROUP_WAIT = "30s";
    public static final String DEFAULT_REPEAT_INTERVAL = "5m";
    public static final String DEFAULT_RESOLVE_AFTER = "2m";
    public static final String DEFAULT_MIN_SEVERITY = "MEDIUM";

    public GroupingPolicy {
        requireNotNegative("groupWait", groupWait);
        requireNotNegative("repeatInterval", repeatInterval);
        Objects.requireNonNull(resolveAfter, "resolveAfter");
        if (resolveAfter.isZero() || resolveAfter.isNegative()) {
            throw new IllegalArgumentException("resolveAfter must be positive, got " + resolveAfter);
        }
        Objects.requireNonNull(minSeverity, "minSeverity");
    }

    /** The policy of {@code alert} run without grouping options: what the demo and the bench group with. */
    public static GroupingPolicy defaults() {
        return new GroupingPolicy(Durations.parse(DEFAULT_GROUP_WAIT), Durations.parse(DEFAULT_REPEAT_INTERVAL),
                Durations.parse(DEFAULT_RESOLVE_AFTER), Severity.ofAnomaly(DEFAULT_MIN_SEVERITY));
    }

    private static void requireNotNegative(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
    }
}
