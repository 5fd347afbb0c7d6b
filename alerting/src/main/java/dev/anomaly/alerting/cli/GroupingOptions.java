package dev.anomaly.alerting.cli;

import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.commandline.ChoiceConverter;
import dev.anomaly.common.event.Severity;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --group-wait}, {@code --repeat-interval}, {@code --resolve-after} and {@code --min-severity}: how
 * anomalies become messages, shared by {@code alert} and {@code evaluate --alerts} so that a preview groups
 * exactly as the alerter it previews.
 */
public final class GroupingOptions {
    @Option(names = "--group-wait", paramLabel = "DURATION", defaultValue = GroupingPolicy.DEFAULT_GROUP_WAIT,
            description = "Anomalies of one host within this much event time of the first become one message "
                    + "(default: ${DEFAULT-VALUE}); 0 = a message per anomaly.")
    private Duration groupWait;

    @Option(names = "--repeat-interval", paramLabel = "DURATION",
            defaultValue = GroupingPolicy.DEFAULT_REPEAT_INTERVAL,
            description = "While a host's episode goes on, hold back further groups until this long after its last "
                    + "message; the next message counts what was held back (default: ${DEFAULT-VALUE}).")
    private Duration repeatInterval;

    @Option(names = "--resolve-after", paramLabel = "DURATION",
            defaultValue = GroupingPolicy.DEFAULT_RESOLVE_AFTER,
            description = "A host with no anomaly for this long gets a resolved message and its episode ends "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration resolveAfter;

    @Option(names = "--min-severity", paramLabel = "SEVERITY",
            defaultValue = GroupingPolicy.DEFAULT_MIN_SEVERITY,
            converter = AnomalySeverity.class, completionCandidates = AnomalySeverity.class,
            description = "Ignore anomalies below this severity: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    private Severity minSeverity;

    /** The severities an anomaly can have (NONE is no anomaly), any case. */
    static final class AnomalySeverity extends ChoiceConverter<Severity> {
        AnomalySeverity() {
            super(AnomalySeverity::parse, List.of(Severity.MEDIUM.name(), Severity.HIGH.name()));
        }

        private static Severity parse(String value) {
            try {
                return Severity.ofAnomaly(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected MEDIUM or HIGH but was '" + value + "'", e);
            }
        }
    }

    /**
     * The policy the options describe.
     *
     * @throws IllegalArgumentException one line naming the option that is wrong
     */
    public GroupingPolicy policy() {
        if (groupWait.isNegative()) {
            throw new IllegalArgumentException("--group-wait must not be negative");
        }
        if (repeatInterval.isNegative()) {
            throw new IllegalArgumentException("--repeat-interval must not be negative");
        }
        if (resolveAfter.isZero() || resolveAfter.isNegative()) {
            throw new IllegalArgumentException("--resolve-after must be positive");
        }
        return new GroupingPolicy(groupWait, repeatInterval, resolveAfter, minSeverity);
    }
}
