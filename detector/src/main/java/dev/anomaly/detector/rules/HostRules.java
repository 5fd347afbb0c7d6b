package dev.anomaly.detector.rules;

import dev.anomaly.common.event.HostGlob;
import java.util.Objects;

/**
 * One entry of a rule file ({@code --rules}): the alert rules for the hosts a pattern matches.
 *
 * @param hosts which hosts the rules are for
 * @param rules their rules, instead of the command line's
 */
public record HostRules(HostGlob hosts, AlertRules rules) {
    public HostRules {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(rules, "rules");
    }
}
