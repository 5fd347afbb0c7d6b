package dev.anomaly.alerter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, up to (and not including) Kafka: nothing here needs a broker. */
class AlertCommandTest {
    private static final String WEBHOOK = "https://hooks.slack.com/services/T0ALERTS1/B0HOOK42/Zm9vYmFyc2VjcmV0";
    private static final String TOKEN = "xoxb-1111-2222-SeCrEtToKeN";
    private static final String[] NO_KAFKA = {"--bootstrap-server", "127.0.0.1:1", "--timeout", "1s"};

    @TempDir
    Path dir;

    @Test
    void helpExplainsEveryOptionWithItsDefault() {
        Result result = run(Map.of(), "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().replaceAll("\\s+", " ")).contains("--topic", "default: anomalies", "--group-id", "default: anomaly-alerter",
                "--slack-webhook-file", "Default: $SLACK_WEBHOOK_URL", "--slack-token-file", "Default: $SLACK_API_TOKEN",
                "--slack-channel", "--slack-api-url", "default: https://slack.com/api/", "--slack-timeout",
                "default: 10s", "--dry-run", "--group-wait", "default: 30s", "--repeat-interval", "default: 5m",
                "--resolve-after", "default: 2m", "--min-severity", "MEDIUM, HIGH", "default: MEDIUM", "--timeout",
                "--exit-when-idle", "--bootstrap-server", "--verbose", "Exit codes:");
    }

    @Test
    void secretsAreNotTakenOnTheCommandLine() {
        Result webhook = run(Map.of(), "--slack-webhook-url", WEBHOOK);
        Result token = run(Map.of(), "--slack-token=" + TOKEN);

        assertUsageError(webhook, "a webhook URL is a secret and not taken on the command line");
        assertThat(webhook.err()).doesNotContain(WEBHOOK);
        assertUsageError(token, "a bot token is a secret and not taken on the command line");
        assertThat(token.err()).doesNotContain(TOKEN);
    }

    @Test
    void aMissingSecretFileIsAOneLineFailure() {
        Path missing = dir.resolve("webhook.txt");

        Result result = run(Map.of(), "--slack-webhook-file", missing.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("alert: --slack-webhook-file " + missing + ": no such file");
    }

    @Test
    void anEmptySecretFileIsAOneLineFailure() throws IOException {
        Path empty = Files.writeString(dir.resolve("token.txt"), "  \n");

        Result result = run(Map.of(), "--slack-token-file", empty.toString(), "--slack-channel", "#alerts");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("alert: --slack-token-file " + empty + ": the file is empty");
    }

    @Test
    void aMalformedWebhookUrlIsReportedWithoutShowingIt() {
        Result result = run(Map.of("SLACK_WEBHOOK_URL", "hooks.slack.com/services/T0ALERTS1/B0HOOK42/Zm9vYmFyc2VjcmV0"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("the Slack webhook URL from SLACK_WEBHOOK_URL is not an http(s) URL")
                .doesNotContain("Zm9vYmFyc2VjcmV0");
    }

    @Test
    void aTokenNeedsAChannel() {
        Result result = run(Map.of("SLACK_API_TOKEN", TOKEN));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--slack-channel is required with a bot token (SLACK_API_TOKEN)")
                .doesNotContain(TOKEN);
    }

    @Test
    void twoCredentialsAreAUsageError() {
        Result result = run(Map.of("SLACK_API_TOKEN", TOKEN, "SLACK_WEBHOOK_URL", WEBHOOK));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("both SLACK_WEBHOOK_URL and SLACK_API_TOKEN are set")
                .doesNotContain(TOKEN).doesNotContain(WEBHOOK);
    }

    @Test
    void aFileOptionWinsOverTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("webhook.txt"), WEBHOOK + "\n");

        Result result = run(Map.of("SLACK_API_TOKEN", TOKEN), "--slack-webhook-file", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach Kafka").doesNotContain("dry run");
    }

    @Test
    void withoutACredentialItIsADryRunAndSaysSo() {
        Result result = run(Map.of());

        assertThat(result.err()).contains("No Slack credential configured").contains("dry run");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach Kafka at 127.0.0.1:1 within 1s");
    }

    @Test
    void anExplicitDryRunSaysWhereMessagesWouldHaveGone() {
        Result result = run(Map.of("SLACK_API_TOKEN", TOKEN), "--slack-channel", "#ops", "--dry-run");

        assertThat(result.err()).contains("Dry run: the JSON payloads go to stdout instead of Slack channel #ops")
                .doesNotContain(TOKEN);
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void badValuesAreUsageErrors() {
        assertUsageError(run(Map.of(), "--group-wait", "soon"), "is not a duration");
        assertUsageError(run(Map.of(), "--resolve-after", "0s"), "--resolve-after must be positive");
        assertUsageError(run(Map.of(), "--slack-timeout", "0"), "--slack-timeout must be positive");
        assertUsageError(run(Map.of(), "--min-severity", "LOW"), "--min-severity");
        assertUsageError(run(Map.of("SLACK_API_TOKEN", TOKEN), "--slack-channel", "#a", "--slack-api-url", "ftp://x"),
                "--slack-api-url must be an http(s) URL");
        assertUsageError(run(Map.of("SLACK_WEBHOOK_URL", WEBHOOK), "--slack-channel", "#a"),
                "--slack-channel needs a bot token");
        assertUsageError(run(Map.of(), "--slack-webhook-file", "a", "--slack-token-file", "b"), "exclude each other");
    }

    @Test
    void theTokenNeverCrossesTheNetworkInClear() {
        Result remote = run(Map.of("SLACK_API_TOKEN", TOKEN), "--slack-channel", "#a", "--slack-api-url",
                "http://slack.example.com/api/");
        Result local = run(Map.of("SLACK_API_TOKEN", TOKEN), "--slack-channel", "#a", "--slack-api-url",
                "http://127.0.0.1:8080/api/");

        assertUsageError(remote, "--slack-api-url must be HTTPS");
        assertThat(remote.err()).doesNotContain(TOKEN);
        assertThat(local.exitCode()).as("loopback: only Kafka is missing").isEqualTo(1);
        assertThat(local.err()).contains("cannot reach Kafka");
    }

    @Test
    void aKafkaSecretIsNotTakenOnTheCommandLine() {
        Result jaas = run(Map.of(), "--property", "sasl.jaas.config=org.apache.kafka.common.security.plain."
                + "PlainLoginModule required username=\"u\" password=\"hunter2\";");
        Result password = run(Map.of(), "--property", "ssl.keystore.password=hunter2");

        assertUsageError(jaas, "--property sasl.jaas.config carries a secret");
        assertUsageError(password, "--property ssl.keystore.password carries a secret");
        assertThat(jaas.err() + password.err()).contains("--command-config").doesNotContain("hunter2");
    }

    @Test
    void withoutACredentialTheWarningIsShownEvenWhenQuiet() {
        Result result = run(Map.of(), "--quiet");

        assertThat(result.errLines()).anyMatch(line -> line.startsWith("warning: No Slack credential configured"));
    }

    private static void assertUsageError(Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("Usage: alert");
    }

    private static Result run(Map<String, String> environment, String... args) {
        String[] all = new String[args.length + NO_KAFKA.length];
        System.arraycopy(NO_KAFKA, 0, all, 0, NO_KAFKA.length);
        System.arraycopy(args, 0, all, NO_KAFKA.length, args.length);
        return CliDriver.run(new AlertCommand(environment), all);
    }
}
