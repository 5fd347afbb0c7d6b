package dev.anomaly.alerter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportChoiceTest {
    private static final String URL = "https://hooks.slack.com/services/T0ALERTS1/B0HOOK42/Zm9vYmFyc2VjcmV0";
    private static final Map<String, String> WEBHOOK = Map.of(TransportChoice.WEBHOOK_ENV, URL);
    private static final Map<String, String> TOKEN = Map.of(TransportChoice.TOKEN_ENV, "xoxb-1-2-secret");

    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();

    private TransportChoice.Choice choose(Optional<Path> webhookFile, Optional<Path> tokenFile,
                                          Map<String, String> environment, Optional<String> channel,
                                          Optional<String> apiUrl, boolean dryRun) {
        return TransportChoice.choose(new TransportChoice.Request(webhookFile, tokenFile, environment, channel, apiUrl,
                dryRun, Duration.ofSeconds(10)), new PrintWriter(printed));
    }

    private TransportChoice.Choice choose(Map<String, String> environment, Optional<String> channel) {
        return choose(Optional.empty(), Optional.empty(), environment, channel, Optional.empty(), false);
    }

    @Test
    void aWebhookOrATokenWithAChannelPostsForReal() {
        assertThat(choose(WEBHOOK, Optional.empty()).transport().describe()).isEqualTo("the Slack webhook");
        TransportChoice.Choice api = choose(TOKEN, Optional.of("#alerts"));

        assertThat(api.transport().describe()).isEqualTo("Slack channel #alerts");
        assertThat(api.dry()).isFalse();
        assertThat(api.warning()).isEmpty();
    }

    @Test
    void noCredentialIsADryRunWithAWarningAndDryRunIsOneWithANote() {
        TransportChoice.Choice none = choose(Map.of(), Optional.empty());
        TransportChoice.Choice asked = choose(Optional.empty(), Optional.empty(), WEBHOOK, Optional.empty(),
                Optional.empty(), true);

        assertThat(none.dry()).isTrue();
        assertThat(none.warning()).hasValueSatisfying(text -> assertThat(text).contains("No Slack credential"));
        assertThat(asked.dry()).isTrue();
        assertThat(asked.warning()).isEmpty();
        assertThat(asked.note()).hasValueSatisfying(text -> assertThat(text).contains("instead of the Slack webhook"));
    }

    @Test
    void aFileWinsOverTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "xoxb-9-9-from-file\n");

        TransportChoice.Choice choice = choose(Optional.empty(), Optional.of(file), WEBHOOK, Optional.of("C0123"),
                Optional.empty(), false);

        assertThat(choice.transport().describe()).isEqualTo("Slack channel C0123");
    }

    @Test
    void conflictingOrIllFittingOptionsAreRefusedNotGuessed() throws IOException {
        Map<String, String> both = new java.util.HashMap<>(WEBHOOK);
        both.putAll(TOKEN);
        Path file = Files.writeString(dir.resolve("hook"), URL + "\n");

        assertThatThrownBy(() -> choose(both, Optional.empty())).hasMessageStartingWith("both SLACK_WEBHOOK_URL and");
        assertThatThrownBy(() -> choose(Optional.of(file), Optional.of(file), Map.of(), Optional.empty(),
                Optional.empty(), false)).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> choose(TOKEN, Optional.empty()))
                .hasMessage("--slack-channel is required with a bot token (SLACK_API_TOKEN)");
        assertThatThrownBy(() -> choose(WEBHOOK, Optional.of("#alerts")))
                .hasMessageStartingWith("--slack-channel needs a bot token");
        assertThatThrownBy(() -> choose(Optional.empty(), Optional.empty(), WEBHOOK, Optional.empty(),
                Optional.of("https://slack.example/api/"), false)).hasMessageStartingWith("--slack-api-url applies to");
    }

    @Test
    void theTokenGoesOnlyOverHttpsOrToThisMachine() {
        assertThat(TransportChoice.apiBaseUrl(Optional.empty())).isEqualTo(WebApiTransport.DEFAULT_BASE_URL);
        assertThat(TransportChoice.apiBaseUrl(Optional.of("http://127.0.0.1:8080/api/")).getPort()).isEqualTo(8080);
        assertThat(TransportChoice.apiBaseUrl(Optional.of("http://[::1]:9/api/")).getHost()).isEqualTo("[::1]");
        assertThatThrownBy(() -> TransportChoice.apiBaseUrl(Optional.of("http://slack.example/api/")))
                .hasMessageStartingWith("--slack-api-url must be HTTPS");
        assertThatThrownBy(() -> TransportChoice.apiBaseUrl(Optional.of("ftp://slack.example/")))
                .hasMessageStartingWith("--slack-api-url must be an http(s) URL");
    }
}
