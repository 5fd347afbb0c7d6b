package dev.anomaly.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.alerter.cli.AlertCommand;
import dev.anomaly.alerter.testing.Anomalies;
import dev.anomaly.alerter.testing.Anomalies.Item;
import dev.anomaly.testkit.FakeSlack;
import dev.anomaly.testkit.FakeSlack.Answer;
import dev.anomaly.alerter.testing.StderrCapture;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Neither the webhook URL nor the token shows in stdout, stderr or the log, even with --verbose and through
 * every kind of failed delivery: 500, no answer, 429, and a rejection that ends the run with its stack trace.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SecretsIT {
    private static final String TOKEN = "xoxb-5150-6160-TopSecretBotToken";
    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    /** Every failure there is, then one message accepted, then a rejection. */
    private static final FakeSlack.Script EVERYTHING_GOES_WRONG = (index, since) -> switch (index) {
        case 0 -> Answer.serverError();
        case 1 -> Answer.noAnswer();
        case 2 -> Answer.tooManyRequests(1);
        case 3 -> Answer.accept();
        default -> Answer.rejected(403, "invalid_auth");
    };

    private final FakeSlack slack = FakeSlack.start();

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void theWebhookUrlAppearsNowhere(KafkaTestCluster kafka) {
        slack.script(EVERYTHING_GOES_WRONG);
        String topic = anomalies(kafka);

        Output output = alert(Map.of(AlertCommand.WEBHOOK_ENV, slack.webhookUrl()), kafka, topic);

        assertThat(output.result().exitCode()).isEqualTo(1);
        assertThat(output.result().err()).contains("no answer within 500 ms", "HTTP 500", "HTTP 429",
                "rejected the message: invalid_auth (HTTP 403)", "at dev.anomaly.alerter");
        assertThat(output.all()).doesNotContain(slack.webhookUrl()).doesNotContain(FakeSlack.WEBHOOK_PATH)
                .doesNotContain("Zm9vYmFyc2VjcmV0d2ViaG9vaw");
    }

    @Test
    void theBotTokenAppearsNowhere(KafkaTestCluster kafka) {
        slack.script(EVERYTHING_GOES_WRONG);
        String topic = anomalies(kafka);

        Output output = alert(Map.of(AlertCommand.TOKEN_ENV, TOKEN), kafka, topic, "--slack-channel", "#ops",
                "--slack-api-url", slack.apiBaseUrl());

        assertThat(output.result().exitCode()).isEqualTo(1);
        assertThat(output.result().err()).contains("no answer within 500 ms", "rejected the message: invalid_auth");
        assertThat(slack.requests()).allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN));
        assertThat(output.all()).doesNotContain(TOKEN).doesNotContain("TopSecretBotToken");
    }

    /** Two hosts: one message gets through (after three failures), the next is rejected. */
    private static String anomalies(KafkaTestCluster kafka) {
        String topic = KafkaTestCluster.uniqueName("anomalies");
        kafka.createTopic(topic, 1);
        Anomalies.produce(kafka, topic, List.of(Item.of("web-1", T0, 2.5), Item.of("web-2", T0.plusSeconds(1), 2.5)));
        return topic;
    }

    private static Output alert(Map<String, String> environment, KafkaTestCluster kafka, String topic,
                                String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(),
                "--topic", topic, "--group-id", KafkaTestCluster.uniqueName("alerter"), "--verbose",
                "--slack-timeout", "500ms", "--group-wait", "1s", "--resolve-after", "1m", "--exit-when-idle", "1s"));
        args.addAll(List.of(extra));
        try (StderrCapture log = new StderrCapture()) {
            Result result = CliDriver.run(new AlertCommand(environment), args.toArray(String[]::new));
            return new Output(result, log.text());
        }
    }

    /** What a run printed, and what was logged meanwhile. */
    private record Output(Result result, String log) {
        String all() {
            return result.out() + result.err() + log;
        }
    }
}
