package dev.anomaly.alerting.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.anomaly.common.event.HostGlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule file ({@code detect --rules FILE}), YAML or JSON (YAML reads both), so that a fleet's exceptions
 * live in version control:
 *
 * <pre>
 * rules:
 *   - hosts: "db-*"
 *     direction: {cpu_usage: above}
 *     min_deviation: {cpu_usage: 10, response_time_ms: "50%"}
 *     for: 3
 *   - hosts: "batch-?"
 *     for: 10m
 * </pre>
 *
 * The first entry whose pattern matches a host gives all of that host's rules; a host no entry matches keeps
 * the command line's. Values are written as on the command line and checked the same way; an unknown key is
 * refused (a typo would otherwise silently rule nothing).
 */
public final class RuleFile {
    /** A key written twice is an error, not the last one silently winning. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Set<String> KEYS = Set.of("hosts", "direction", "min_deviation", "for");

    private RuleFile() {
    }

    /**
     * @throws IllegalArgumentException one line naming the file, the entry and what is wrong
     */
    public static List<HostRules> read(Path file) {
        JsonNode root;
        try {
            byte[] bytes = Files.readAllBytes(file);
            refuseAliases(file, bytes);
            root = YAML.readTree(bytes);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": not YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")
                    + "; quote host patterns, as in hosts: \"db-*\"");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage());
        }
        JsonNode entries = root == null ? null : root.get("rules");
        if (entries == null || !entries.isArray() || root.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one key, 'rules', holding a list of entries "
                    + "(hosts, direction, min_deviation, for)");
        }
        List<HostRules> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = file + ": rule " + (i + 1);
            try {
                rules.add(entry(entries.get(i), where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(rules);
    }

    /**
     * An unquoted {@code *-db} is a YAML alias, which Jackson reads as the text after the star ({@code -db}):
     * a pattern that silently matches nothing. A rule file has no use for aliases, so any is refused.
     */
    private static void refuseAliases(Path file, byte[] bytes) throws IOException {
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(bytes)) {
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    throw new IllegalArgumentException(file + ": line " + parser.currentLocation().getLineNr()
                            + ": *" + parser.getText() + " is a YAML alias; quote host patterns, as in hosts: \"*"
                            + parser.getText() + "\"");
                }
            }
        }
    }

    private static HostRules entry(JsonNode entry, String origin) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("expected an entry with hosts and its rules, got " + entry);
        }
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            String name = field.getKey();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + name
                        + "' (known: hosts, direction, min_deviation, for)");
            }
        }
        JsonNode hosts = entry.get("hosts");
        if (hosts == null || !hosts.isTextual()) {
            throw new IllegalArgumentException("needs hosts: a host pattern such as \"db-*\"");
        }
        HostGlob glob = new HostGlob(hosts.asText().trim());
        AlertRules rules = AlertRules.parse(pairs(entry.get("direction"), "direction"),
                pairs(entry.get("min_deviation"), "min_deviation"));
        JsonNode persistence = entry.get("for");
        if (persistence != null && !persistence.isNull()) {
            if (!persistence.isValueNode()) {
                throw new IllegalArgumentException("for takes a number of events (3) or a duration (30s)");
            }
            rules = rules.with(Persistence.parse(persistence.asText()));
        }
        return new HostRules(glob, rules, origin);
    }

    /** {@code {cpu_usage: above, …}} as the command line's {@code cpu_usage=above} items. */
    private static List<String> pairs(JsonNode map, String key) {
        if (map == null || map.isNull()) {
            return List.of();
        }
        if (!map.isObject()) {
            throw new IllegalArgumentException(key + " takes a map of feature: value, got " + map);
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : map.properties()) {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new IllegalArgumentException(key + " " + field.getKey() + " takes a value, got "
                        + field.getValue());
            }
            items.add(field.getKey() + "=" + field.getValue().asText());
        }
        return items;
    }
}
