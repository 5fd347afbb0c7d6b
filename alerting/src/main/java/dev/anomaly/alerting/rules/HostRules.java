package dev.anomaly.alerting.rules;

import dev.anomaly.common.event.HostGlob;
import java.util.Objects;

/**
 * One entry of a rule file ({@code --rules}): the alert rules for the hosts a pattern matches.
 *
 * @param hosts which hosts the rules are for
 * @param rules their rules, instead of the command line's
 * @param origin where the entry was written, for messages ({@code rules.yaml: rule 2})
 */
public record HostRules(HostGlob hosts, AlertRules rules, String origin) {
    public HostRules {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(origin, "origin");
    }
}
