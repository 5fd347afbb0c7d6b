package dev.anomaly.alerter.delivery;

import java.util.Locale;
import java.util.Set;

/**
 * Which of Slack's refusals are about one message, and which about every message. A message Slack refuses
 * for its content (blocks it cannot render, text too long) is set aside and the alerter goes on; a refused
 * credential or channel concerns every message, and only a person can fix it.
 */
public final class SlackErrors {
    /**
     * Errors of {@code chat.postMessage} and incoming webhooks about the payload itself (Slack's documented
     * error codes; webhooks answer some of them as HTTP 400 bodies).
     */
    private static final Set<String> ABOUT_THE_MESSAGE = Set.of("invalid_blocks", "invalid_blocks_format",
            "invalid_payload", "msg_too_long", "msg_blocks_too_long", "no_text", "too_many_attachments",
            "invalid_attachments", "invalid_arguments", "invalid_array_arg", "invalid_metadata_format",
            "invalid_metadata_schema", "metadata_too_large", "markdown_text_conflict", "invalid_json",
            "json_not_object");

    private SlackErrors() {
    }

    /** Whether the error concerns this message only (its content), not the configuration. */
    public static boolean isAboutTheMessage(String error) {
        return error != null && ABOUT_THE_MESSAGE.contains(error.strip().toLowerCase(Locale.ROOT));
    }
}
