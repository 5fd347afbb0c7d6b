package dev.anomaly.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileTest {
    private static final List<String> FEATURES = List.of("cpu_usage", "memory_usage", "response_time_ms");

    @TempDir
    Path dir;

    @Test
    void aYamlFileGivesEachPatternItsRulesInOrder() throws IOException {
        List<HostRules> rules = RuleFile.read(write("rules.yaml", """
                # the database hosts page on cpu going up only, after three events
                rules:
                  - hosts: "db-*"
                    direction: {cpu_usage: above}
                    min_deviation: {cpu_usage: 10, response_time_ms: "50%"}
                    for: 3
                  - hosts: batch-?
                    for: 10m
                """));

        assertThat(rules).extracting(entry -> entry.hosts().pattern()).containsExactly("db-*", "batch-?");
        assertThat(rules.get(0).rules().persistence()).isEqualTo(new Persistence(3, 0));
        assertThat(rules.get(0).rules().unknown(FEATURES)).isEmpty();
        assertThat(rules.get(0).rules().toString()).contains("cpu_usage=above").contains("response_time_ms=50.0%");
        assertThat(rules.get(1).rules().persistence()).isEqualTo(new Persistence(1, 600_000));
    }

    @Test
    void jsonIsReadToo() throws IOException {
        List<HostRules> rules = RuleFile.read(write("rules.json",
                "{\"rules\":[{\"hosts\":\"web-*\",\"direction\":{\"memory_usage\":\"below\"}}]}"));

        assertThat(rules).singleElement().satisfies(entry -> {
            assertThat(entry.hosts().matches("web-12")).isTrue();
            assertThat(entry.rules().isEmpty()).isFalse();
        });
    }

    @Test
    void theFirstMatchingEntryRulesAHostAndOthersKeepTheCommandLine() throws IOException {
        AlertRules own = AlertRules.parse(List.of("cpu_usage=below"), List.of());
        AlertRules all = own.withHosts(RuleFile.read(write("rules.yaml", """
                rules:
                  - hosts: "db-1"
                    for: 2
                  - hosts: "db-*"
                    direction: {cpu_usage: above}
                """)));

        assertThat(all.forHost("db-1")).isNotSameAs(all.forHost("db-2")).isNotSameAs(all);
        assertThat(all.forHost("web-1")).isSameAs(all);
        assertThat(all.forHost("db-1").persistence().isNone()).as("db-1 counts runs").isFalse();
        assertThat(all.forHost("db-2").direction("cpu_usage")).isEqualTo(Direction.ABOVE);
        assertThat(all.forHost("web-1").direction("cpu_usage")).isEqualTo(Direction.BELOW);
        assertThat(all.forHost("db-1").direction("cpu_usage")).as("an entry gives all its rules")
                .isEqualTo(Direction.BOTH);
    }

    @Test
    void mistakesAreOneLineNamingTheFileAndTheEntry() throws IOException {
        assertThatThrownBy(() -> RuleFile.read(write("a.yaml", "rules:\n  - hosts: db-*\n    dirction: {}\n")))
                .hasMessageEndingWith("a.yaml: rule 1: unknown key 'dirction' (known: hosts, direction, "
                        + "min_deviation, for)");
        assertThatThrownBy(() -> RuleFile.read(write("b.yaml", "rules:\n  - direction: {cpu_usage: above}\n")))
                .hasMessageEndingWith("b.yaml: rule 1: needs hosts: a host pattern such as \"db-*\"");
        assertThatThrownBy(() -> RuleFile.read(write("c.yaml", "rules:\n  - hosts: '*'\n  - hosts: x\n    for: 0\n")))
                .hasMessageContaining("c.yaml: rule 2: --for needs at least 1 event");
        assertThatThrownBy(() -> RuleFile.read(write("d.yaml",
                "rules:\n  - hosts: x\n    direction: {cpu_usage: sideways}\n")))
                .hasMessageContaining("d.yaml: rule 1: --direction cpu_usage=sideways: 'sideways' is no direction");
        assertThatThrownBy(() -> RuleFile.read(write("e.yaml", "- hosts: x\n")))
                .hasMessageEndingWith("e.yaml: expected one key, 'rules', holding a list of entries (hosts, "
                        + "direction, min_deviation, for)");
        assertThatThrownBy(() -> RuleFile.read(write("f.yaml", "rules: [\n")))
                .hasMessageContaining("f.yaml: not YAML or JSON");
        assertThatThrownBy(() -> RuleFile.read(dir.resolve("missing.yaml")))
                .hasMessageEndingWith("missing.yaml: no such file");
        assertThatThrownBy(() -> RuleFile.read(write("g.yaml", "rules:\n  - hosts: x\n    for: 3\n    for: 5\n")))
                .as("a key written twice").hasMessageContaining("g.yaml: not YAML or JSON").hasMessageContaining("for");
        assertThatThrownBy(() -> RuleFile.read(write("h.yaml", "rules:\n  - hosts: *-db\n")))
                .as("an unquoted pattern is a YAML alias")
                .hasMessageEndingWith("h.yaml: line 2: *-db is a YAML alias; quote host patterns, as in hosts: \"*-db\"");
        assertThatThrownBy(() -> RuleFile.read(write("j.yaml", "rules:\n  - hosts: *\n")))
                .hasMessageContaining("quote host patterns");
        assertThatThrownBy(() -> RuleFile.read(write("i.yaml", "rules:\n  - hosts: x\n    for: 1.5\n")))
                .hasMessageContaining("i.yaml: rule 1: --for takes a whole number of events (3) or a duration with "
                        + "its unit (30s), got '1.5'");
    }

    @Test
    void ruleFilesNamingFeaturesTheModelLacksAreFound() throws IOException {
        AlertRules rules = AlertRules.NONE.withHosts(RuleFile.read(write("rules.yaml",
                "rules:\n  - hosts: x\n    min_deviation: {disk_io: 5}\n")));

        assertThat(rules.unknown(FEATURES)).containsExactly("disk_io");
    }

    @Test
    void aSpanInAnyEntryNeedsEventTime() throws IOException {
        AlertRules events = AlertRules.NONE.withHosts(RuleFile.read(write("a.yaml", "rules:\n  - hosts: x\n    for: 3\n")));
        AlertRules span = AlertRules.NONE.withHosts(RuleFile.read(write("b.yaml", "rules:\n  - hosts: x\n    for: 3m\n")));

        assertThat(events.spansTime()).isFalse();
        assertThat(span.spansTime()).isTrue();
        assertThat(AlertRules.NONE.with(Persistence.parse("30s")).spansTime()).isTrue();
    }

    @Test
    void patternsAreTrimmed() throws IOException {
        List<HostRules> rules = RuleFile.read(write("rules.yaml", "rules:\n  - hosts: ' db-* '\n    for: 2\n"));

        assertThat(rules.get(0).hosts().matches("db-1")).isTrue();
        assertThat(rules.get(0).origin()).endsWith("rules.yaml: rule 1");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
