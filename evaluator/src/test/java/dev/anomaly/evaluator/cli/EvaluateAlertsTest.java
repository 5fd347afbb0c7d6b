package dev.anomaly.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --alerts} on a crafted scored CSV: every message, episode and count known in advance. */
class EvaluateAlertsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DAY_ONE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2026-01-02T00:00:00Z");
    private static final String HEADER = "timestamp,host,cpu_usage,label,episode,error,threshold,confidence,severity,"
            + "is_anomaly,status,suppressed_by,anomalous_since,model_version,expected_cpu_usage,typical_low_cpu_usage,"
            + "typical_high_cpu_usage,share_cpu_usage";

    @TempDir
    Path dir;

    /**
     * With --group-wait 30s --repeat-interval 5m --resolve-after 2m: db-1's labelled episode e1 is flagged at 10 s
     * and 20 s (one alert at 40 s, resolved at 140 s); its false alarm at 1000 s is an alert of its own; web-1
     * misses e2 and catches e3 the next day with three anomalies 40 s and 60 s apart, whose later groups the
     * repeat interval holds back.
     */
    private Path crafted() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int t = 0; t <= 40; t += 10) {
            row(csv, DAY_ONE, t, "db-1", "cpu_spike", "e1", t == 10 || t == 20, t == 10 ? "HIGH" : "MEDIUM");
        }
        row(csv, DAY_ONE, 500, "db-1", "", "", false, "");
        row(csv, DAY_ONE, 1000, "db-1", "", "", true, "MEDIUM");
        for (int t = 500; t <= 540; t += 10) {
            row(csv, DAY_TWO, t, "web-1", "memory_leak", "e2", false, "");
        }
        for (int t = 2000; t <= 2040; t += 10) {
            row(csv, DAY_TWO, t, "web-1", "cpu_spike", "e3", t == 2000 || t == 2040, "MEDIUM");
        }
        row(csv, DAY_TWO, 2100, "web-1", "", "", true, "MEDIUM");
        return Files.writeString(dir.resolve("scored.csv"), csv);
    }

    private static void row(StringBuilder csv, Instant day, int seconds, String host, String label, String episode,
                            boolean flagged, String severity) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,1.0,%s,%s,%s,scored,,,v-crafted,40,30,50,1%n",
                day.plus(Duration.ofSeconds(seconds)), host, flagged ? "90" : "40", label, episode,
                flagged ? "3.0" : "0.5", flagged ? "3.0" : "0.5", flagged ? severity : "NORMAL", flagged));
    }

    @Test
    void countsWhatSlackWouldReceiveAndMatchesAlertsToLabelledEpisodes() throws IOException {
        // given
        Path scored = crafted();
        Path messages = dir.resolve("out/messages.jsonl");
        Path report = dir.resolve("report.json");

        // when
        Result result = CliDriver.run(new EvaluateCommand(), "--input", scored.toString(), "--alerts",
                "--alerts-messages", messages.toString(), "--json", report.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode alerts = JSON.readTree(report.toFile()).get("alerts");
        assertThat(alerts.get("grouping").asText())
                .isEqualTo("--group-wait 30s --repeat-interval 5m --resolve-after 2m --min-severity MEDIUM");
        assertThat(alerts.get("anomalies").asLong()).isEqualTo(6);
        assertThat(alerts.path("messages").get("total").asLong()).isEqualTo(6);
        assertThat(alerts.path("messages").get("alerts").asLong()).isEqualTo(3);
        assertThat(alerts.path("messages").get("repeats").asLong()).isZero();
        assertThat(alerts.path("messages").get("resolved").asLong()).isEqualTo(3);
        assertThat(alerts.get("groups_held_back").asLong()).isEqualTo(2);
        assertThat(alerts.get("alert_episodes").asLong()).isEqualTo(3);
        assertThat(alerts.get("alert_episodes_matched").asLong()).isEqualTo(2);
        assertThat(alerts.get("alert_precision").asDouble()).isEqualTo(2.0 / 3);
        assertThat(alerts.get("labelled_episodes").asLong()).isEqualTo(3);
        assertThat(alerts.get("labelled_episodes_alerted").asLong()).isEqualTo(2);
        assertThat(alerts.get("alert_recall").asDouble()).isEqualTo(2.0 / 3);
        assertThat(alerts.path("per_host_per_day").path("db-1").get("2026-01-01").asLong()).isEqualTo(4);
        assertThat(alerts.path("per_host_per_day").path("web-1").get("2026-01-02").asLong()).isEqualTo(2);
        assertThat(alerts.path("worst_hours").get(0).get("hour").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(alerts.path("worst_hours").get(0).get("messages").asLong()).isEqualTo(4);

        List<JsonNode> sent = Files.readAllLines(messages).stream().map(EvaluateAlertsTest::json).toList();
        // As the live alerter's clock orders them: web-1, a day ahead of the only other host, runs on its own
        // clock (one host far ahead never drags the others along), so its first alert comes before db-1's second
        // group is due; the end of the stream then closes and resolves the rest in time order.
        assertThat(sent).extracting(message -> message.get("kind").asText() + " " + message.get("host").asText()
                + " " + message.get("at").asText()).containsExactly(
                "firing db-1 2026-01-01T00:00:40Z", "resolved db-1 2026-01-01T00:02:20Z",
                "firing web-1 2026-01-02T00:33:50Z", "firing db-1 2026-01-01T00:17:10Z",
                "resolved db-1 2026-01-01T00:18:40Z", "resolved web-1 2026-01-02T00:37:00Z");
        assertThat(sent.get(0).get("text").asText()).contains("2 anomalies on db-1", "(cpu_usage 90, expected 40, "
                + "typical 30\u201350)");
        assertThat(sent.get(5).get("text").asText()).contains("the episode had 3 anomalies");
        assertThat(result.outLines()).contains(
                "  alert episodes     3: 2 matched a labelled episode, 1 did not -> alert precision 0.667",
                "  labelled episodes  3: 2 alerted -> alert recall 0.667",
                "  messages           6: 3 alerts, 0 repeats, 3 resolved; 2 groups held back by --repeat-interval");
        assertThat(result.outLines()).anyMatch(line -> line.matches("\\s+db-1\\s+4\\s+0\\s+4"))
                .anyMatch(line -> line.matches("\\s+web-1\\s+0\\s+2\\s+2"));
    }

    @Test
    void theGroupingOptionsAreTheAlertersOwn() throws IOException {
        // when only the HIGH anomaly may alert
        Result result = CliDriver.run(new EvaluateCommand(), "--input", crafted().toString(), "--alerts",
                "--min-severity", "HIGH", "--json", "-");

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode alerts = JSON.readTree(result.out()).get("alerts");
        assertThat(alerts.path("messages").get("total").asLong()).isEqualTo(2);
        assertThat(alerts.get("below_min_severity").asLong()).isEqualTo(5);
        assertThat(alerts.get("alert_precision").asDouble()).isEqualTo(1.0);
        assertThat(alerts.get("alert_recall").asDouble()).isEqualTo(1.0 / 3);
    }

    @Test
    void theAlertRulesAreTheAlertersOwn() throws IOException {
        // given every flagged row: cpu_usage 90 where 40 was expected, the whole of the error
        Path scored = crafted();

        // then a rule that counts only drops, or only departures of 60 and more, lets none stand
        for (String[] rules : List.of(new String[] {"--direction", "cpu_usage=below"},
                new String[] {"--min-deviation", "cpu_usage=60"})) {
            Result result = CliDriver.run(new EvaluateCommand(), "--input", scored.toString(), "--alerts", rules[0],
                    rules[1], "--json", "-");
            assertThat(result.exitCode()).as(result.err()).isZero();
            JsonNode alerts = JSON.readTree(result.out()).get("alerts");
            assertThat(alerts.get("ruled_out").asLong()).as(rules[1]).isEqualTo(6);
            assertThat(alerts.path("messages").get("total").asLong()).as(rules[1]).isZero();
        }
        // and one that the departure meets changes nothing
        Result kept = CliDriver.run(new EvaluateCommand(), "--input", scored.toString(), "--alerts",
                "--direction", "cpu_usage=above", "--min-deviation", "cpu_usage=50", "--json", "-");
        JsonNode alerts = JSON.readTree(kept.out()).get("alerts");
        assertThat(alerts.get("ruled_out").asLong()).isZero();
        assertThat(alerts.path("messages").get("total").asLong()).isEqualTo(6);
        assertThat(JSON.readTree(kept.out()).get("alerts").get("grouping").asText()).contains("--group-wait 30s");
    }

    @Test
    void aFileOfOneHostAfterAnotherReplaysAsTheStreamWould() throws IOException {
        // given the same rows, web-1's (the next day) first, then db-1's
        List<String> lines = Files.readAllLines(crafted());
        List<String> reordered = new java.util.ArrayList<>(List.of(lines.get(0)));
        lines.stream().skip(1).filter(line -> line.contains(",web-1,")).forEach(reordered::add);
        lines.stream().skip(1).filter(line -> line.contains(",db-1,")).forEach(reordered::add);
        Path byHost = Files.write(dir.resolve("by-host.csv"), reordered);

        // when
        Result inOrder = CliDriver.run(new EvaluateCommand(), "--input", crafted().toString(), "--alerts", "--json",
                "-");
        Result hostAfterHost = CliDriver.run(new EvaluateCommand(), "--input", byHost.toString(), "--alerts",
                "--json", "-");

        // then each host's rows keep their order and the hosts are merged by time: the same alerts
        assertThat(JSON.readTree(hostAfterHost.out()).get("alerts"))
                .isEqualTo(JSON.readTree(inOrder.out()).get("alerts"));
    }

    @Test
    void rulesNeedSharesAndRulesNamingNoCarriedFeatureAreSaidToJudgeNothing() throws IOException {
        // given a scored CSV from before detect wrote the shares
        List<String> lines = Files.readAllLines(crafted());
        List<String> withoutShares = lines.stream()
                .map(line -> line.substring(0, line.lastIndexOf(','))).toList();
        Path old = Files.write(dir.resolve("old.csv"), withoutShares);

        // then rules are refused on it, and the preview without rules still works
        Result refused = CliDriver.run(new EvaluateCommand(), "--input", old.toString(), "--alerts", "--direction",
                "cpu_usage=above");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("no share_ columns", "score it again");
        Result plain = CliDriver.run(new EvaluateCommand(), "--input", old.toString(), "--alerts");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("messages           6:");

        // and a rule on a feature no anomaly carries is reported, not silently ignored
        Result typo = CliDriver.run(new EvaluateCommand(), "--input", crafted().toString(), "--alerts",
                "--direction", "cpu_usgae=above");
        assertThat(typo.exitCode()).as(typo.err()).isZero();
        assertThat(typo.out()).contains("warning: the alert rules name cpu_usgae, which no anomaly carries");
    }

    @Test
    void alertOptionsWithoutAlertsAreUsageErrors() {
        for (String[] args : List.of(new String[] {"--group-wait", "1m"}, new String[] {"--min-severity", "HIGH"},
                new String[] {"--alerts-messages", "m.jsonl"}, new String[] {"--direction", "cpu_usage=above"},
                new String[] {"--rules", "r.yaml"})) {
            Result result = CliDriver.run(new EvaluateCommand(), args);
            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.err()).contains(args[0] + " goes with --alerts");
        }
        Result negative = CliDriver.run(new EvaluateCommand(), "--alerts", "--resolve-after", "0s");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--resolve-after must be positive");
        Result badRule = CliDriver.run(new EvaluateCommand(), "--alerts", "--direction", "cpu_usage=up");
        assertThat(badRule.exitCode()).isEqualTo(2);
        assertThat(badRule.err()).contains("'up' is no direction");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }
}
