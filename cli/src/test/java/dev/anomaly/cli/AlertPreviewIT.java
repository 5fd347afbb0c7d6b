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
     * Grouping for a short test: every labelled episode its own alert episode, so both kinds of message come
     * several times. Events come every 5 s; none of these spans is a multiple of that, so the real time a live
     * alerter adds to event time once it has caught up (milliseconds) cannot move an anomaly across a boundary.
     */
    private static final String[] GROUPING = {"--group-wait", "12s", "--repeat-interval", "1m2s", "--resolve-after",
        "7s"};

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
                "--anomaly-every", "5m", "--seed", "2", "--rate", "0");
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

        try (FakeSlack slack = FakeSlack.start()) {
            List<String> alert = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", anomalies,
                    "--group-id", source + ".alerter", "--exit-when-idle", "2s"));
            alert.addAll(List.of(GROUPING));
            run(new AlertCommand(Map.of(AlertCommand.WEBHOOK_ENV, slack.webhookUrl())), alert.toArray(String[]::new));

            List<String> live = slack.accepted().stream().map(FakeSlack.Request::text).toList();
            Map<String, String> hostOf = new HashMap<>();
            Map<String, List<String>> previewed = new TreeMap<>();
            for (String line : Files.readAllLines(messages)) {
                JsonNode message = readTree(line);
                hostOf.put(message.get("text").asText(), message.get("host").asText());
                previewed.computeIfAbsent(message.get("host").asText(), host -> new ArrayList<>())
                        .add(message.get("text").asText());
            }
            Map<String, List<String>> received = new TreeMap<>();
            live.forEach(text -> received.computeIfAbsent(hostOf.getOrDefault(text, "a message not previewed"),
                    host -> new ArrayList<>()).add(text));
            // Each host's messages in the same order, word for word. Across hosts, a live alerter that caught up
            // decides the last ones in real time, each host on its own clock (the skew-tolerant one), so two hosts
            // due together may come in either order.
            assertThat(previewed).as("the preview's messages per host, against what Slack received")
                    .isEqualTo(received);
            assertThat(live).anyMatch(text -> text.startsWith("\u2705 Resolved"))
                    .anyMatch(text -> !text.startsWith("\u2705 Resolved"));
        }
        JsonNode alerts = JSON.readTree(report.toFile()).get("alerts");
        JsonNode sent = alerts.get("messages");
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
