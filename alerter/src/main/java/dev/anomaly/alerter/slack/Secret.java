package dev.anomaly.alerter.slack;

import dev.anomaly.commandline.ExitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A Slack credential (webhook URL or bot token) and where it came from. Its {@link #toString()} never
 * shows the value, so a secret that slips into a log line or an exception message stays hidden.
 */
public final class Secret {
    private final String value;
    private final String origin;

    private Secret(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /**
     * A secret from an environment variable; empty when the variable is unset or blank.
     */
    public static Optional<Secret> fromEnvironment(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Secret(value.strip(), variable));
    }

    /**
     * A secret from a file holding it on one line (surrounding whitespace ignored).
     *
     * @param option the option naming the file, for messages
     * @throws ExitException when the file is missing, unreadable, empty or holds more than one line
     */
    public static Secret fromFile(Path file, String option) {
        String origin = option + " " + file;
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw ExitException.failure(origin + ": no such file");
        } catch (IOException e) {
            // The message names the file, never its content.
            throw ExitException.failure(origin + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        if (content.isEmpty()) {
            throw ExitException.failure(origin + ": the file is empty");
        }
        if (content.contains("\n") || content.contains("\r")) {
            throw ExitException.failure(origin + ": the file must hold the secret on one line");
        }
        return new Secret(content, origin);
    }

    /** The secret itself, for the one place that sends it to Slack. */
    public String reveal() {
        return value;
    }

    /** Where the secret came from ({@code SLACK_API_TOKEN}, {@code --slack-token-file FILE}); not secret. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "Secret[" + origin + ", value redacted]";
    }
}
