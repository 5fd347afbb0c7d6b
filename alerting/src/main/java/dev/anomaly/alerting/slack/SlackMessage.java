package dev.anomaly.alerting.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One Slack message: Block Kit blocks with a plain-text fallback, and its place in an episode's thread.
 *
 * @param threadKey names the thread (one per host episode)
 * @param role whether the message starts the thread, replies in it, or is its last reply
 * @param text the plain-text fallback (notifications, screen readers, clients without blocks)
 * @param blocks the Block Kit array
 */
public record SlackMessage(String threadKey, Role role, String text, JsonNode blocks) {
    /** The message's place in its thread. */
    public enum Role {
        /** The first message of an episode. */
        START,
        /** A follow-up while the episode goes on. */
        REPLY,
        /** The resolved message: the thread is over. */
        LAST_REPLY
    }

    public SlackMessage {
        Objects.requireNonNull(threadKey, "threadKey");
        Objects.requireNonNull(role, "role");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a Slack message needs a fallback text");
        }
        if (blocks == null || !blocks.isArray()) {
            throw new IllegalArgumentException("blocks must be a JSON array");
        }
        blocks = blocks.deepCopy();
    }

    @Override
    public JsonNode blocks() {
        return blocks.deepCopy();
    }

    /** The body both Slack APIs take: {@code {"text": ..., "blocks": [...]}}; callers may add fields. */
    public ObjectNode payload() {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("text", text);
        payload.set("blocks", blocks.deepCopy());
        return payload;
    }
}
