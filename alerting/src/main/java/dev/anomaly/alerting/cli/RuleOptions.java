package dev.anomaly.alerting.cli;

import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.alerting.rules.Persistence;
import dev.anomaly.alerting.rules.RuleFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --direction}, {@code --min-deviation} and {@code --rules FILE}: the alert rules, shared by
 * {@code detect}, {@code alert} and {@code evaluate --alerts} so that all three judge an anomaly alike
 * ({@code detect} adds {@code --for}).
 */
public final class RuleOptions {
    @Option(names = "--direction", paramLabel = "FEATURE=above|below|both", split = ",",
            description = "Which way a feature must depart from what the model expected to count towards an "
                    + "anomaly, e.g. cpu_usage=above,network_io_mb=both (a drop in cpu is no incident). An anomaly "
                    + "stands only if the features that count explain at least half of its error: detect writes "
                    + "one that does not to the normal events with \"suppressed_by\":[\"direction\"]; alert "
                    + "neither groups nor sends it, and counts it. Repeatable (default: every feature, both ways).")
    private List<String> directions = new ArrayList<>();

    @Option(names = "--min-deviation", paramLabel = "FEATURE=N|N%", split = ",",
            description = "How far a feature must be from what the model expected to count towards an anomaly: "
                    + "an amount in its unit or a share of the expected value, e.g. cpu_usage=10,"
                    + "response_time_ms=50%%. Judged like --direction (\"suppressed_by\":[\"min_deviation\"]). "
                    + "Repeatable (default: any distance).")
    private List<String> minDeviations = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Alert rules per host pattern, YAML or JSON, kept in version control: a list under 'rules' "
                    + "of entries with hosts (a glob: db-*), direction, min_deviation and for, written as on the "
                    + "command line ('for' is detect's: alert sees only anomalies, and takes detect's "
                    + "anomalous_since). The first entry whose hosts match a host gives all its rules; other hosts "
                    + "keep the command line's. Read at start. Default: none.")
    private Path file;

    /**
     * The rules of the command line and of the rule file.
     *
     * @param persistence the command line's {@code --for} (detect), or {@link Persistence#NONE}
     * @throws IllegalArgumentException one line naming the option, the file or the entry that is wrong
     */
    public AlertRules rules(Persistence persistence) {
        AlertRules own = AlertRules.parse(directions, minDeviations).with(persistence);
        return file == null ? own : own.withHosts(RuleFile.read(file));
    }

    /** The rule file; null without one. */
    public Path file() {
        return file;
    }
}
