package dev.anomaly.alerter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String URL = "https://hooks.slack.com/services/T0ALERTS1/B0HOOK42/Zm9vYmFyc2VjcmV0";

    private final Secret webhook = Secret.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", URL), "SLACK_WEBHOOK_URL")
            .orElseThrow();
    private final Redactor redactor = Redactor.of(List.of(webhook));

    @Test
    void masksTheWholeUrlAndItsPath() {
        assertThat(redactor.redact("POST " + URL + " failed; path /services/T0ALERTS1/B0HOOK42/Zm9vYmFyc2VjcmV0"))
                .isEqualTo("POST <redacted> failed; path <redacted>");
    }

    @Test
    void aSecretPrintsOnlyWhereItCameFrom() {
        assertThat(webhook.toString()).isEqualTo("Secret[SLACK_WEBHOOK_URL, value redacted]");
    }

    @Test
    void aRedactedExceptionChainKeepsTypesAndStackTracesButNoSecret() {
        IllegalStateException original = new IllegalStateException("wrapping",
                new java.io.IOException("cannot connect to " + URL));

        StringWriter trace = new StringWriter();
        redactor.redact(original).printStackTrace(new PrintWriter(trace));

        assertThat(trace.toString()).doesNotContain("Zm9vYmFyc2VjcmV0")
                .contains("java.lang.IllegalStateException: wrapping", "java.io.IOException: cannot connect to <redacted>",
                        "RedactorTest.aRedactedExceptionChainKeepsTypesAndStackTracesButNoSecret");
    }
}
