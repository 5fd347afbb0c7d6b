package dev.anomaly.alerting.rules;

import dev.anomaly.commandline.ExitException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What an operator cares about, per feature name ({@code --direction}, {@code --min-deviation}): which way a
 * feature must depart from what the model expected, and by how much, to count towards an anomaly. Features
 * without a rule count either way and by any amount. And per host ({@code --for}): how long it must stay
 * anomalous before its anomaly stands. Immutable.
 */
public final class AlertRules {
    /** No rules: every anomaly the model finds stands. */
    public static final AlertRules NONE = new AlertRules(Map.of(), Map.of());

    private final Map<String, Direction> directions;
    private final Map<String, MinDeviation> minDeviations;
    private final Persistence persistence;
    /** A rule file's entries, first match first: the rules of the hosts they match instead of these. */
    private final List<HostRules> byHost;

    public AlertRules(Map<String, Direction> directions, Map<String, MinDeviation> minDeviations) {
        this(directions, minDeviations, Persistence.NONE, List.of());
    }

    private AlertRules(Map<String, Direction> directions, Map<String, MinDeviation> minDeviations,
                       Persistence persistence, List<HostRules> byHost) {
        this.directions = Collections.unmodifiableMap(new LinkedHashMap<>(directions));
        this.minDeviations = Collections.unmodifiableMap(new LinkedHashMap<>(minDeviations));
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        this.byHost = List.copyOf(byHost);
    }

    /** These rules, with {@code --for}'s. */
    public AlertRules with(Persistence value) {
        return new AlertRules(directions, minDeviations, value, byHost);
    }

    /**
     * These rules for the hosts no entry matches, and each entry's rules for the hosts it matches (the first
     * entry that matches a host wins): a rule file ({@link RuleFile}).
     */
    public AlertRules withHosts(List<HostRules> entries) {
        for (HostRules entry : entries) {
            if (!entry.rules().byHost.isEmpty()) {
                throw new IllegalArgumentException("rules for " + entry.hosts().pattern() + " cannot hold rules "
                        + "for other hosts");
            }
        }
        return new AlertRules(directions, minDeviations, persistence, entries);
    }

    /** Whether any host's {@code --for} is a span of event time (which needs events with a time). */
    public boolean spansTime() {
        return persistence.spanMillis() > 0
                || byHost.stream().anyMatch(entry -> entry.rules().persistence().spanMillis() > 0);
    }

    /** How long a host must stay anomalous ({@code --for}); {@link Persistence#NONE} without the rule. */
    public Persistence persistence() {
        return persistence;
    }

    /**
     * Reads the options' values: each a list of {@code FEATURE=VALUE}.
     *
     * @param directions e.g. {@code cpu_usage=above}, {@code network_io_mb=both}
     * @param minDeviations e.g. {@code cpu_usage=10}, {@code response_time_ms=50%}
     * @throws IllegalArgumentException with a one-line reason naming the item that is wrong
     */
    public static AlertRules parse(List<String> directions, List<String> minDeviations) {
        Map<String, Direction> byDirection = new LinkedHashMap<>();
        for (String item : directions) {
            String[] pair = pair("--direction", item);
            if (byDirection.put(pair[0], value("--direction", item, () -> Direction.parse(pair[1]))) != null) {
                throw new IllegalArgumentException("--direction names " + pair[0] + " twice");
            }
        }
        Map<String, MinDeviation> byDeviation = new LinkedHashMap<>();
        for (String item : minDeviations) {
            String[] pair = pair("--min-deviation", item);
            if (byDeviation.put(pair[0], value("--min-deviation", item, () -> MinDeviation.parse(pair[1]))) != null) {
                throw new IllegalArgumentException("--min-deviation names " + pair[0] + " twice");
            }
        }
        return new AlertRules(byDirection, byDeviation);
    }

    private static String[] pair(String option, String item) {
        int equals = item.indexOf('=');
        String[] pair = equals < 0 ? new String[] {"", ""}
                : new String[] {item.substring(0, equals).trim(), item.substring(equals + 1).trim()};
        if (pair[0].isEmpty() || pair[1].isEmpty()) {
            throw new IllegalArgumentException(option + " takes FEATURE=VALUE, got '" + item + "'");
        }
        return pair;
    }

    /** A rule's value, or an error that names the option and the item it came from. */
    private static <T> T value(String option, String item, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + item.trim() + ": " + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return directions.isEmpty() && minDeviations.isEmpty() && persistence.isNone()
                && byHost.stream().allMatch(entry -> entry.rules().isEmpty());
    }

    /** The features the rules name that are not in {@code features}: a typo, or a model without them. */
    public List<String> unknown(List<String> features) {
        List<String> unknown = new ArrayList<>();
        for (String feature : directions.keySet()) {
            if (!features.contains(feature) && !unknown.contains(feature)) {
                unknown.add(feature);
            }
        }
        for (String feature : minDeviations.keySet()) {
            if (!features.contains(feature) && !unknown.contains(feature)) {
                unknown.add(feature);
            }
        }
        for (HostRules entry : byHost) {
            for (String feature : entry.rules().unknown(features)) {
                if (!unknown.contains(feature)) {
                    unknown.add(feature);
                }
            }
        }
        return unknown;
    }

    /**
     * Refuses rules that name features the model does not have: a typo would otherwise silently rule nothing.
     * (A model loaded later without one of them just leaves its rule out.)
     *
     * @throws ExitException a usage error naming the unknown features and the model's
     */
    public void requireKnown(String modelVersion, List<String> modelFeatures) {
        for (HostRules entry : byHost) {
            List<String> unknown = entry.rules().unknown(modelFeatures);
            if (!unknown.isEmpty()) {
                throw ExitException.usage(entry.origin() + " names " + String.join(", ", unknown) + ", which model "
                        + modelVersion + " does not have; its features: " + String.join(", ", modelFeatures));
            }
        }
        List<String> unknown = unknown(modelFeatures);
        if (!unknown.isEmpty()) {
            throw ExitException.usage("--direction/--min-deviation name " + String.join(", ", unknown)
                    + ", which model " + modelVersion + " does not have; its features: "
                    + String.join(", ", modelFeatures));
        }
    }

    /** Which way {@code feature} must depart from what the model expected to count: both without a rule. */
    public Direction direction(String feature) {
        return directions.getOrDefault(feature, Direction.BOTH);
    }

    /** How far {@code feature} must be from what the model expected to count; null without a rule. */
    public MinDeviation minDeviation(String feature) {
        return minDeviations.get(feature);
    }

    /** Whether any feature has a direction or a minimum deviation (these rules' own, not a rule file's). */
    public boolean judgesFeatures() {
        return !directions.isEmpty() || !minDeviations.isEmpty();
    }

    /** A rule file's entries, first match first. */
    public List<HostRules> hostEntries() {
        return byHost;
    }

    /** The rules of {@code host}: those of the first entry that matches it, else these. */
    public AlertRules forHost(String host) {
        for (HostRules entry : byHost) {
            if (host != null && entry.hosts().matches(host)) {
                return entry.rules();
            }
        }
        return this;
    }

    @Override
    public String toString() {
        String own = "directions " + directions + ", minimum deviations " + minDeviations + ", for " + persistence;
        StringBuilder text = new StringBuilder(own);
        for (HostRules entry : byHost) {
            text.append("; hosts ").append(entry.hosts().pattern()).append(": ").append(entry.rules());
        }
        return text.toString();
    }
}
