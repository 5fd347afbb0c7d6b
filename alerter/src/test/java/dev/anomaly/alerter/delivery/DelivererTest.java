package dev.anomaly.alerter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.anomaly.alerter.slack.Secret;
import dev.anomaly.alerter.slack.SlackTransport;
import dev.anomaly.alerter.slack.WebApiTransport;
import dev.anomaly.alerter.slack.WebhookTransport;
import dev.anomaly.alerter.testing.SimulatedTime;
import dev.anomaly.alerting.slack.SlackMessage;
import dev.anomaly.common.console.Console;
import dev.anomaly.testkit.FakeSlack;
import dev.anomaly.testkit.FakeSlack.Answer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery against a real HTTP server standing in for Slack; only the waits between attempts are simulated. */
class DelivererTest {
    private static final String TOKEN = "xoxb-1111-2222-SeCrEtToKeN";

    private final FakeSlack slack = FakeSlack.start();
    private final SimulatedTime time = new SimulatedTime();
    private final StringWriter err = new StringWriter();
    private final Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(err), false, false);

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void aMessageSlackAcceptsTakesOneAttempt() {
        int attempts = deliverer(webhook(Duration.ofSeconds(5))).deliver(message("a", SlackMessage.Role.START), time);

        assertThat(attempts).isEqualTo(1);
        assertThat(slack.accepted()).singleElement().satisfies(request -> {
            assertThat(request.text()).isEqualTo("a");
            assertThat(request.body().has("blocks")).isTrue();
        });
    }

    @Test
    void a429WaitsExactlyTheRetryAfterSlackAsksFor() {
        slack.script((index, since) -> index == 0 ? Answer.tooManyRequests(7) : Answer.accept());

        int attempts = deliverer(webhook(Duration.ofSeconds(5))).deliver(message("a", SlackMessage.Role.START), time);

        assertThat(attempts).isEqualTo(2);
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRunOf500sBacksOffExponentiallyUpTo30Seconds() {
        slack.script((index, since) -> index < 7 ? Answer.serverError() : Answer.accept());
        Deliverer deliverer = deliverer(webhook(Duration.ofSeconds(5)));

        deliverer.deliver(message("a", SlackMessage.Role.START), time);

        assertThat(time.waits()).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(deliverer.retries()).isEqualTo(7);
        assertThat(slack.accepted()).hasSize(1);
    }

    @Test
    void aTimeoutIsRetried() {
        slack.script((index, since) -> index == 0 ? Answer.noAnswer() : Answer.accept());

        int attempts = deliverer(webhook(Duration.ofMillis(500))).deliver(message("a", SlackMessage.Role.START), time);

        assertThat(attempts).isEqualTo(2);
        assertThat(err.toString()).contains("no answer within 500 ms");
    }

    @Test
    void aConnectionErrorIsRetried() {
        Secret closedPort = Secret.fromEnvironment(Map.of("URL", "http://127.0.0.1:1/services/T/B/C"), "URL")
                .orElseThrow();
        List<Duration> waits = new ArrayList<>();
        Waiter stopAfterThree = duration -> {
            waits.add(duration);
            return waits.size() >= 3;
        };

        assertThatThrownBy(() -> deliverer(new WebhookTransport(closedPort, Duration.ofSeconds(2)))
                .deliver(message("a", SlackMessage.Role.START), stopAfterThree))
                .isInstanceOf(DeliveryStoppedException.class);
        assertThat(err.toString()).contains("ConnectException");
    }

    @Test
    void attemptsAreAtLeastASecondApartRetriesIncluded() {
        slack.script((index, since) -> index % 2 == 0 ? Answer.tooManyRequests(0) : Answer.accept());
        Deliverer deliverer = deliverer(webhook(Duration.ofSeconds(5)));

        deliverer.deliver(message("a", SlackMessage.Role.START), time);
        deliverer.deliver(message("b", SlackMessage.Role.START), time);

        assertThat(time.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aWebhookErrorCodeIsFatalAndNamed() {
        slack.script((index, since) -> Answer.rejected(404, "channel_not_found"));

        assertThatThrownBy(() -> deliverer(webhook(Duration.ofSeconds(5))).deliver(message("a", SlackMessage.Role.START), time))
                .isInstanceOf(SlackRejectedException.class)
                .hasMessage("the Slack webhook rejected the message: channel_not_found (HTTP 404)");
        assertThat(slack.requests()).hasSize(1);
    }

    @Test
    void aWebApiErrorCodeIsFatalAndNamed() {
        slack.script((index, since) -> Answer.rejected(400, "not_in_channel"));

        assertThatThrownBy(() -> deliverer(webApi()).deliver(message("a", SlackMessage.Role.START), time))
                .isInstanceOf(SlackRejectedException.class)
                .hasMessage("Slack channel #alerts rejected the message: not_in_channel");
    }

    @Test
    void theWebApiSendsTheTokenAsBearerAndTheChannel() {
        deliverer(webApi()).deliver(message("a", SlackMessage.Role.START), time);

        assertThat(slack.accepted()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo(FakeSlack.API_PATH);
            assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(request.body().get("channel").asText()).isEqualTo("#alerts");
            assertThat(request.body().has("thread_ts")).isFalse();
        });
    }

    @Test
    void followUpsGoInTheThreadOfTheFirstMessage() {
        Deliverer deliverer = deliverer(webApi());

        deliverer.deliver(message("alert", SlackMessage.Role.START), time);
        deliverer.deliver(message("repeat", SlackMessage.Role.REPLY), time);
        deliverer.deliver(message("resolved", SlackMessage.Role.LAST_REPLY), time);
        deliverer.deliver(message("new episode", SlackMessage.Role.START), time);

        List<FakeSlack.Request> requests = slack.accepted();
        assertThat(requests).extracting(request -> request.body().path("thread_ts").asText("none"))
                .containsExactly("none", FakeSlack.FIRST_TS, FakeSlack.FIRST_TS, "none");
    }

    private Deliverer deliverer(SlackTransport transport) {
        return new Deliverer(transport, RetryPolicy.SLACK, time, console, false);
    }

    private WebhookTransport webhook(Duration timeout) {
        Secret url = Secret.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", slack.webhookUrl()), "SLACK_WEBHOOK_URL")
                .orElseThrow();
        return new WebhookTransport(url, timeout);
    }

    private WebApiTransport webApi() {
        Secret token = Secret.fromEnvironment(Map.of("SLACK_API_TOKEN", TOKEN), "SLACK_API_TOKEN").orElseThrow();
        return new WebApiTransport(token, "#alerts", URI.create(slack.apiBaseUrl()), Duration.ofSeconds(5));
    }

    private static SlackMessage message(String text, SlackMessage.Role role) {
        return new SlackMessage("web-1@2026-01-01T00:00:00Z", role, text, JsonNodeFactory.instance.arrayNode()
                .add(JsonNodeFactory.instance.objectNode().put("type", "section")));
    }
}
