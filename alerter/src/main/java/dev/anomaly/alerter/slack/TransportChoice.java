package dev.anomaly.alerter.slack;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which way to Slack the operator asked for: an incoming webhook, the Web API with a bot token and a channel,
 * or a dry run that prints the payloads. A file option wins over the environment; two credentials, or options
 * that do not fit the credential, are refused rather than guessed.
 */
public final class TransportChoice {
    /** Environment variable holding the incoming webhook URL. */
    public static final String WEBHOOK_ENV = "SLACK_WEBHOOK_URL";
    /** Environment variable holding the bot token. */
    public static final String TOKEN_ENV = "SLACK_API_TOKEN";

    private TransportChoice() {
    }

    /**
     * What the operator asked for.
     *
     * @param webhookFile {@code --slack-webhook-file}
     * @param tokenFile {@code --slack-token-file}
     * @param environment where {@link #WEBHOOK_ENV} and {@link #TOKEN_ENV} are looked up
     * @param channel {@code --slack-channel}, needed with a bot token only
     * @param apiUrl {@code --slack-api-url}, with a bot token only
     * @param dryRun {@code --dry-run}: print the payloads even when a credential is configured
     * @param timeout one HTTP attempt's limit
     */
    public record Request(Optional<Path> webhookFile, Optional<Path> tokenFile, Map<String, String> environment,
                          Optional<String> channel, Optional<String> apiUrl, boolean dryRun, Duration timeout) {
    }

    /**
     * The transport chosen and what the operator must be told about it.
     *
     * @param warning said even when quiet: no credential, so nothing reaches Slack
     * @param note said unless quiet: a dry run asked for
     */
    public record Choice(SlackTransport transport, Optional<String> warning, Optional<String> note) {
        /** Whether the payloads are printed rather than posted (and no offset is committed). */
        public boolean dry() {
            return transport instanceof DryRunTransport;
        }
    }

    /**
     * Chooses the transport; a dry run prints its payloads to {@code dryRunOut}.
     *
     * @throws IllegalArgumentException a usage error in one line (conflicting credentials, an option that does
     *     not fit the credential, an API URL that would send the token in clear)
     * @throws dev.anomaly.commandline.ExitException a secret file missing or empty
     */
    public static Choice choose(Request request, PrintWriter dryRunOut) {
        if (request.webhookFile().isPresent() && request.tokenFile().isPresent()) {
            throw new IllegalArgumentException("--slack-webhook-file and --slack-token-file exclude each other: "
                    + "choose one way to Slack");
        }
        Optional<Secret> webhook = request.webhookFile().map(file -> Secret.fromFile(file, "--slack-webhook-file"));
        Optional<Secret> token = request.tokenFile().map(file -> Secret.fromFile(file, "--slack-token-file"));
        if (webhook.isEmpty() && token.isEmpty()) {
            webhook = Secret.fromEnvironment(request.environment(), WEBHOOK_ENV);
            token = Secret.fromEnvironment(request.environment(), TOKEN_ENV);
            if (webhook.isPresent() && token.isPresent()) {
                throw new IllegalArgumentException("both " + WEBHOOK_ENV + " and " + TOKEN_ENV + " are set: unset "
                        + "one, or choose with --slack-webhook-file or --slack-token-file");
            }
        }
        if (token.isPresent() && request.channel().isEmpty()) {
            throw new IllegalArgumentException("--slack-channel is required with a bot token ("
                    + token.get().origin() + ")");
        }
        if (webhook.isPresent() && request.channel().isPresent()) {
            throw new IllegalArgumentException("--slack-channel needs a bot token: a webhook ("
                    + webhook.get().origin() + ") posts to its own channel");
        }
        if (request.apiUrl().isPresent() && token.isEmpty()) {
            throw new IllegalArgumentException("--slack-api-url applies to the Web API (a bot token); a webhook URL "
                    + "is complete");
        }
        DryRunTransport dry = new DryRunTransport(dryRunOut, request.channel());
        if (webhook.isEmpty() && token.isEmpty()) {
            if (request.dryRun()) {
                return new Choice(dry, Optional.empty(),
                        Optional.of("Dry run: the JSON payloads go to stdout, and no offset is committed."));
            }
            // An alerter that posts nothing must not look like one that works.
            return new Choice(dry, Optional.of("No Slack credential configured (" + WEBHOOK_ENV
                    + " or --slack-webhook-file; " + TOKEN_ENV + " or --slack-token-file with --slack-channel): dry "
                    + "run, nothing is posted to Slack and no offset is committed (--dry-run says so on purpose)"),
                    Optional.empty());
        }
        SlackTransport real = webhook.isPresent()
                ? new WebhookTransport(webhook.get(), request.timeout())
                : new WebApiTransport(token.get(), request.channel().orElseThrow(), apiBaseUrl(request.apiUrl()),
                        request.timeout());
        if (request.dryRun()) {
            return new Choice(dry, Optional.empty(), Optional.of("Dry run: the JSON payloads go to stdout instead of "
                    + real.describe() + ", and no offset is committed."));
        }
        return new Choice(real, Optional.empty(), Optional.empty());
    }

    /**
     * The Web API's base URL: Slack's own by default; another only over HTTPS, or plain http to this machine,
     * since the token goes with every request.
     *
     * @throws IllegalArgumentException for anything else, in one line
     */
    public static URI apiBaseUrl(Optional<String> apiUrl) {
        if (apiUrl.isEmpty()) {
            return WebApiTransport.DEFAULT_BASE_URL;
        }
        try {
            URI uri = new URI(apiUrl.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("https") && uri.getHost() != null) {
                return uri;
            }
            if (scheme.equals("http") && uri.getHost() != null) {
                if (isLoopback(uri.getHost())) {
                    return uri;
                }
                throw new IllegalArgumentException("--slack-api-url must be HTTPS: over plain http the bot token "
                        + "would cross the network in clear (http is accepted for this machine only: 127.0.0.1, ::1, "
                        + "localhost)");
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("--slack-api-url must be an http(s) URL such as https://slack.com/api/, "
                + "got '" + apiUrl.get() + "'");
    }

    private static boolean isLoopback(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return name.equalsIgnoreCase("localhost") || name.equals("::1") || name.startsWith("127.")
                || name.equals("0:0:0:0:0:0:0:1");
    }
}
