package dev.anomaly.alerter.run;

import dev.anomaly.alerting.rules.AnomalyRules;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the alert loop runs.
 *
 * @param topic the anomalies topic
 * @param dryRun read without joining the group or committing (a dry run must not mark anomalies as
 *     reported that Slack never saw)
 * @param exitWhenIdle stop once everything is read, reported and resolved, and no record came for this
 *     long; empty = until Ctrl-C
 * @param kafkaTimeout how long Kafka calls may take, for error messages and metadata calls
 * @param verbose print detail (assignments, commits, every attempt)
 * @param rules the alert rules an anomaly must pass to be alerted on (the others are counted, not sent)
 */
public record RunSettings(String topic, boolean dryRun, Optional<Duration> exitWhenIdle, Duration kafkaTimeout,
                          boolean verbose, AnomalyRules rules) {
    /** Settings without alert rules. */
    public RunSettings(String topic, boolean dryRun, Optional<Duration> exitWhenIdle, Duration kafkaTimeout,
                       boolean verbose) {
        this(topic, dryRun, exitWhenIdle, kafkaTimeout, verbose, AnomalyRules.NONE);
    }

    public RunSettings {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        Objects.requireNonNull(exitWhenIdle, "exitWhenIdle");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
        Objects.requireNonNull(rules, "rules");
    }
}
