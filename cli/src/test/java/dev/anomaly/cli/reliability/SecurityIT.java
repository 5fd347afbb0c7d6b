package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.FakeSlack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 6: SASL/PLAIN on the broker, and Slack secrets that never show. */
class SecurityIT {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    @Test
    void theToolsAuthenticateWithACommandConfigAndAWrongPasswordIsOneLine() throws Exception {
        Path users = Pipeline.write(dir.resolve("users.properties"), "alice=" + PASSWORD + "\n");
        Path client = Pipeline.write(dir.resolve("client.properties"), clientConfig("alice", PASSWORD));
        Path wrong = Pipeline.write(dir.resolve("wrong.properties"), clientConfig("alice", "tr0ub4dor"));
        Properties readers = new Properties();
        readers.load(Files.newBufferedReader(client));
        try (Pipeline pipeline = Pipeline.start(dir, readers, "--sasl-users", users.toString())) {
            Path models = pipeline.trainModel("model");
            AnomalyProcess generate = AnomalyProcess.run(Duration.ofSeconds(120), "generate", "--bootstrap-server",
                    pipeline.bootstrap(), "--command-config", client.toString(), "--topic", "secure-in", "--count",
                    "2000", "--rate", "0", "--seed", "8");
            assertThat(generate.exitCode()).as(generate.errLines().toString()).isZero();
            AnomalyProcess detect = AnomalyProcess.run(Duration.ofSeconds(180), "detect", "--bootstrap-server",
                    pipeline.bootstrap(), "--command-config", client.toString(), "--topic", "secure-in",
                    "--normal-topic", "secure-normal", "--anomalies-topic", "secure-anomalies", "--model-dir",
                    models.toString(), "--stop-when-idle", "3s");
            assertThat(detect.exitCode()).as(detect.errLines().toString()).isZero();
            Pipeline.Counts counts = Pipeline.Counts.of("sasl", pipeline.eventIds("secure-in"),
                    pipeline.outputsPerEvent("secure-normal", "secure-anomalies"), 0).print();
            counts.assertNothingLostOrDuplicated();
            assertThat(counts.sent()).isEqualTo(2000);

            AnomalyProcess refused = AnomalyProcess.run(Duration.ofSeconds(60), "generate", "--bootstrap-server",
                    pipeline.bootstrap(), "--command-config", wrong.toString(), "--count", "1", "--timeout", "10s");

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.errLines()).hasSize(1).first().asString()
                    .startsWith("anomaly generate: Kafka at " + pipeline.bootstrap() + " refused the credentials");
            assertThat(String.join("\n", refused.errLines())).doesNotContain("tr0ub4dor", PASSWORD);
        }
    }

    @Test
    void slackSecretsAreRefusedOnTheCommandLineAndNeverPrinted() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir); FakeSlack slack = FakeSlack.start()) {
            String secretPath = FakeSlack.WEBHOOK_PATH;

            AnomalyProcess onCommandLine = AnomalyProcess.run(Duration.ofSeconds(60), "alert",
                    "--slack-webhook-url", slack.webhookUrl());
            assertThat(onCommandLine.exitCode()).isEqualTo(2);
            assertThat(String.join("\n", onCommandLine.errLines()) + String.join("\n", onCommandLine.outLines()))
                    .doesNotContain(secretPath);

            slack.script((index, since) -> index == 0 ? FakeSlack.Answer.serverError() : FakeSlack.Answer.accept());
            Path models = pipeline.trainModel("model");
            // The input is complete before each tool starts: a short idle exit ends them as soon as they are done.
            AnomalyProcess generate = AnomalyProcess.run(Duration.ofSeconds(120), "generate", "--bootstrap-server",
                    pipeline.bootstrap(), "--topic", "secret-in", "--count", "300", "--rate", "0", "--seed", "9");
            assertThat(generate.exitCode()).as(generate.errLines().toString()).isZero();
            AnomalyProcess detect = AnomalyProcess.run(Duration.ofSeconds(180), "detect", "--bootstrap-server",
                    pipeline.bootstrap(), "--topic", "secret-in", "--anomalies-topic", "secret-anomalies",
                    "--model-dir", models.toString(), "--stop-when-idle", "3s");
            assertThat(detect.exitCode()).as(detect.errLines().toString()).isZero();
            AnomalyProcess alert = pipeline.start(Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl()), "alert",
                    "--verbose", "--bootstrap-server", pipeline.bootstrap(), "--topic", "secret-anomalies",
                    "--group-wait", "10s", "--resolve-after", "5s", "--exit-when-idle", "3s");
            String commandLine = Files.readString(Path.of("/proc/" + alert.pid() + "/cmdline"));

            assertThat(alert.awaitExit(Duration.ofSeconds(300))).as(alert.errLines().toString()).isZero();
            assertThat(slack.accepted()).isNotEmpty();
            String everything = String.join("\n", alert.outLines()) + String.join("\n", alert.errLines());
            assertThat(everything).doesNotContain(secretPath).doesNotContain(slack.webhookUrl());
            assertThat(commandLine).doesNotContain(secretPath);
            System.out.printf("[secrets] %d lines of --verbose output and the argv scanned: no webhook secret%n",
                    alert.outLines().size() + alert.errLines().size());
        }
    }

    private static String clientConfig(String user, String password) {
        return "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\\\""
                + user + "\\\" password=\\\"" + password + "\\\";\n";
    }
}
