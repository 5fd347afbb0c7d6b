package dev.anomaly.alerting.cli;

import dev.anomaly.alerting.event.Severity;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --group-wait}, {@code --repeat-interval}, {@code --resolve-after} and {@code --min-severity}: how
 * anomalies become messages, shared by {@code alert} and {@code evaluate --alerts} so that a preview groups
 * exactly as the alerter it previews.
 */
public final class GroupingOptions {
    @Option(names = "--group-wait", paramLabel = "DURATION", defaultValue = "30s",
            description = "Anomalies of one host within this much event time of the first become one message "
                    + "(default: ${DEFAULT-VALUE}); 0 = a message per anomaly.")
    private Duration groupWait;

    @Option(names = "--repeat-interval", paramLabel = "DURATION", defaultValue = "5m",
            description = "While a host's episode goes on, hold back further groups until this long after its last "
                    + "message; the next message counts what was held back (default: ${DEFAULT-VALUE}).")
    private Duration repeatInterval;

    @Option(names = "--resolve-after", paramLabel = "DURATION", defaultValue = "2m",
            description = "A host with no anomaly for this long gets a resolved message and its episode ends "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration resolveAfter;

    @Option(names = "--min-severity", paramLabel = "SEVERITY", defaultValue = "MEDIUM",
            description = "Ignore anomalies below this severity: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    private Severity minSeverity;

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
