package dev.anomaly.alerter.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anomaly.alerting.slack.SlackMessage;
import java.io.PrintWriter;
import java.util.Optional;

/** Prints each payload, exactly as it would be posted, as one JSON line instead of posting it. */
public final class DryRunTransport implements SlackTransport {
    private final PrintWriter out;
    private final Optional<String> channel;

    /**
     * @param channel the Web API channel the payload would name, if a bot token is configured
     */
    public DryRunTransport(PrintWriter out, Optional<String> channel) {
        this.out = out;
        this.channel = channel;
    }

    @Override
    public AttemptResult attempt(SlackMessage message) {
        ObjectNode payload = message.payload();
        channel.ifPresent(name -> payload.put("channel", name));
        out.println(payload);
        out.flush();
        return new AttemptResult.Accepted(Optional.empty());
    }

    @Override
    public String describe() {
        return "stdout (dry run)";
    }

    @Override
    public boolean isRateLimited() {
        return false;
    }
}
