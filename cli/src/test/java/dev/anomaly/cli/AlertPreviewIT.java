package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.alerter.cli.AlertCommand;
import dev.anomaly.detector.cli.DetectCommand;
import dev.anomaly.evaluator.cli.EvaluateCommand;
import dev.anomaly.generator.cli.GenerateCommand;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.FakeSlack;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import dev.anomaly.trainer.cli.TrainCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --alerts} previews exactly what a live {@code alert} sends for the same stream: the same
 * messages, word for word, each host's in the same order.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AlertPreviewIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Grouping for a short test in which every kind of message comes several times: an episode (60 s of events
     * 5 s apart) gets its first alert, groups held back, repeats that count them, and its resolve. None of these spans is
     * a multiple of the 5 s between events, so the real time a live alerter adds to event time once it has
     * caught up (milliseconds) cannot move an anomaly across a boundary. The rule (only a drop of memory
     * counts) keeps the memory leaks out of Slack, in both.
     */
    private static final String[] GROUPING = {"--group-wait", "12s", "--repeat-interval", "22s", "--resolve-after",
        "17s", "--direction", "memory_usage=below"};

    @TempDir
    Path dir;

    @Test
    void thePreviewSendsWhatTheLiveAlerterSends(KafkaTestCluster kafka) throws IOException {
        String source = KafkaTestCluster.uniqueName("preview-metrics");
        String anomalies = source + ".anomalies";
        // One partition: the live alerter reads the anomalies in the order the preview replays them.
        kafka.createTopic(source, 1);
        kafka.createTopic(anomalies, 1);
        String bootstrap = kafka.bootstrapServers();
        Path training = dir.resolve("training.csv");
        Path models = dir.resolve("models");
        run(new GenerateCommand(), "--count", "3000", "--seed", "1", "--output", training.toString());
        run(new TrainCommand(), "--input", training.toString(), "--model-dir", models.toString(), "--epochs", "10",
                "--seed", "1", "--quiet");
        run(new GenerateCommand(), "--bootstrap-server", bootstrap, "--topic", source, "--count", "400", "--hosts", "2",
                "--anomaly-every", "5m", "--anomaly-length", "60s", "--seed", "2", "--rate", "0");
        run(new DetectCommand(), "--bootstrap-server", bootstrap, "--topic", source, "--anomalies-topic", anomalies,
                "--normal-topic", source + ".normal", "--dead-letter-topic", source + ".dlq", "--group-id", source,
                "--model-dir", models.toString(), "--stop-when-idle", "5s", "--quiet");

        Path messages = dir.resolve("messages.jsonl");
        Path report = dir.resolve("report.json");
        List<String> evaluate = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--source-topic", source,
                "--anomalies-topic", anomalies, "--alerts", "--alerts-messages", messages.toString(), "--json",
                report.toString()));
        evaluate.addAll(List.of(GROUPING));
        CliDriver.Result preview = run(new EvaluateCommand(), evaluate.toArray(String[]::new));

        long liveRuledOut;
        try (FakeSlack slack = FakeSlack.start()) {
            List<String> alert = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", anomalies,
                    "--group-id", source + ".alerter", "--exit-when-idle", "2s"));
            alert.addAll(List.of(GROUPING));
            CliDriver.Result live = run(new AlertCommand(Map.of(AlertCommand.WEBHOOK_ENV, slack.webhookUrl())),
                    alert.toArray(String[]::new));
            Matcher ruledOut = Pattern.compile("([\\d,]+) not let stand by the alert rules").matcher(live.err());
            assertThat(ruledOut.find()).as(live.err()).isTrue();
            liveRuledOut = Long.parseLong(ruledOut.group(1).replace(",", ""));

            Map<String, String> hostOf = new HashMap<>();
            Map<String, List<String>> previewed = new TreeMap<>();
            for (String line : Files.readAllLines(messages)) {
                JsonNode message = readTree(line);
                String payload = message.get("text").asText() + "\n" + message.get("blocks");
                hostOf.put(payload, message.get("host").asText());
                previewed.computeIfAbsent(message.get("host").asText(), host -> new ArrayList<>()).add(payload);
            }
            Map<String, List<String>> received = new TreeMap<>();
            for (FakeSlack.Request request : slack.accepted()) {
                String payload = request.text() + "\n" + request.body().get("blocks");
                received.computeIfAbsent(hostOf.getOrDefault(payload, "a message not previewed"),
                        host -> new ArrayList<>()).add(payload);
            }
            // Each host's messages in the same order, word for word and block for block. Across hosts, a live
            // alerter that caught up decides the last ones in real time, each host on its own clock (the
            // skew-tolerant one), so two hosts due together may come in either order.
            assertThat(previewed).as("the preview's messages per host, against what Slack received")
                    .isEqualTo(received);
        }
        JsonNode alerts = JSON.readTree(report.toFile()).get("alerts");
        JsonNode sent = alerts.get("messages");
        System.out.printf("[alert preview] %d anomalies, %d ruled out; %s%n", alerts.get("anomalies").asLong(),
                alerts.get("ruled_out").asLong(), sent);
        assertThat(alerts.get("ruled_out").asLong()).as("the memory leaks, kept out by the rule").isPositive()
                .isEqualTo(liveRuledOut);
        assertThat(sent.get("total").asLong()).isEqualTo(Files.readAllLines(messages).size());
        assertThat(sent.get("total").asLong())
                .isEqualTo(sent.get("alerts").asLong() + sent.get("repeats").asLong() + sent.get("resolved").asLong());
        long perHostPerDay = StreamSupport.stream(alerts.get("per_host_per_day").spliterator(), false)
                .flatMap(days -> StreamSupport.stream(days.spliterator(), false))
                .mapToLong(JsonNode::asLong).sum();
        assertThat(perHostPerDay).isEqualTo(sent.get("total").asLong());
        assertThat(alerts.get("per_host_per_day").size()).as("both hosts alerted").isEqualTo(2);
        assertThat(alerts.get("labelled_episodes").asLong()).isPositive();
        assertThat(alerts.get("alert_episodes").asLong()).isEqualTo(sent.get("alerts").asLong());
        assertThat(sent.get("alerts").asLong()).as("first alerts").isGreaterThan(1);
        assertThat(sent.get("repeats").asLong()).as("repeats").isPositive();
        assertThat(sent.get("resolved").asLong()).as("every episode resolves").isEqualTo(sent.get("alerts").asLong());
        assertThat(alerts.get("groups_held_back").asLong()).as("groups held back").isPositive();
        assertThat(alerts.get("alert_precision").asDouble()).isBetween(0.0, 1.0);
        assertThat(alerts.get("alert_recall").asDouble()).isBetween(0.0, 1.0);
        assertThat(preview.outLines()).anyMatch(line -> line.contains("alert precision"))
                .anyMatch(line -> line.contains("alert recall")).anyMatch(line -> line.contains("per host per day"));
    }

    private static CliDriver.Result run(Object command, String... args) {
        CliDriver.Result result = CliDriver.run(command, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.err()).isZero();
        return result;
    }

    private static JsonNode readTree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + line, e);
        }
    }
}
