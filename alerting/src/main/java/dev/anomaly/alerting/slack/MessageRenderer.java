package dev.anomaly.alerting.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.FeatureValue;
import dev.anomaly.common.event.TypicalRange;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.grouping.Tally;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a notification as a Slack message an on-call engineer can read at a glance: a header with the
 * severity and host, one summary line ("7 anomalies on web-1 in 12 s, worst 🔥 4.2×"), the metrics of the
 * worst anomaly with the features that explain most of its error marked, and the model's numbers.
 * The same summary is the plain-text fallback.
 */
public final class MessageRenderer {
    /** Features are marked until together they explain this share of the error. */
    static final double MARKED_SHARE = 0.5;
    static final String MARK = "\u25b6";
    static final String RESOLVED = "\u2705";
    /** Block Kit's limits: a header's text, a section's text, a field's or context element's text. */
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    /** The fallback text: Slack takes far more, but nobody reads more in a notification. */
    static final int MAX_TEXT = 3000;
    private static final int MAX_FEATURES = 20;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The message for a notification, with a note of what silences kept back since the host's last message
     * (shown after the headline and as a context line), if any.
     */
    public SlackMessage render(Notification notification, Optional<String> silencedNote) {
        SlackMessage message = render(notification);
        if (silencedNote.isEmpty()) {
            return message;
        }
        String note = "\uD83D\uDD07 " + silencedNote.get();
        ArrayNode blocks = ((ArrayNode) message.blocks()).deepCopy();
        blocks.insert(blocks.size() - 1, context(escape(note)));
        return new SlackMessage(message.threadKey(), message.role(), fit(message.text() + " \u00b7 " + escape(note),
                MAX_TEXT), blocks);
    }

    /** The message for a notification. */
    public SlackMessage render(Notification notification) {
        return switch (notification.kind()) {
            case FIRING -> alert(notification, SlackMessage.Role.START);
            case REPEAT -> alert(notification, SlackMessage.Role.REPLY);
            case RESOLVED -> resolved(notification);
        };
    }

    private SlackMessage alert(Notification notification, SlackMessage.Role role) {
        Tally tally = notification.tally();
        Anomaly worst = tally.worst();
        String host = notification.host();
        boolean repeat = notification.kind() == Notification.Kind.REPEAT;
        String summary = summary(tally, host, repeat);
        String header;
        if (repeat) {
            header = SeverityBadge.of(worst.severity()) + ": still anomalous, " + host;
        } else if (tally.count() == 1) {
            header = SeverityBadge.of(worst.severity()) + " anomaly on " + host;
        } else {
            header = SeverityBadge.of(worst.severity()) + ": " + countText(tally.count(), false) + " on " + host;
        }
        String text = SeverityBadge.of(worst.severity()) + (repeat ? ", still going: " : ": ") + summary
                + topFeature(worst) + " at " + time(worst.timestamp());

        ArrayNode blocks = NODES.arrayNode();
        blocks.add(header(header));
        StringBuilder lead = new StringBuilder("*").append(escape(summary)).append("*\n")
                .append(tally.count() == 1 ? "At " : "The worst at ").append(time(worst.timestamp()));
        notification.heldBack().ifPresent(held -> lead.append("\n_").append(countText(held.count(), false))
                .append(held.count() == 1 ? " was" : " were").append(" held back by the repeat interval since the last "
                        + "message._"));
        blocks.add(section(lead.toString()));
        if (!worst.features().isEmpty()) {
            blocks.add(section(metrics(worst, tally.count() > 1)));
        }
        blocks.add(fields(List.of(
                "*Error*\n" + decimals(worst.error(), 4),
                "*Threshold*\n" + decimals(worst.threshold(), 4),
                "*Confidence*\n" + decimals(worst.confidence(), 2) + "\u00d7",
                "*Model*\n" + escape(worst.modelVersion()))));
        blocks.add(context("Episode on " + escape(host) + " since " + time(notification.episodeStart())
                + " \u00b7 anomaly alert"));
        return new SlackMessage(notification.episodeKey(), role, fit(escape(text), MAX_TEXT), blocks);
    }

    private SlackMessage resolved(Notification notification) {
        Tally episode = notification.tally();
        String host = notification.host();
        Duration quiet = Duration.between(episode.last(), notification.at());
        quiet = quiet.isNegative() ? Duration.ZERO : quiet;
        String episodeText = countText(episode.count(), false) + span(episode.span()) + ", worst "
                + badge(episode.worst());
        String text = RESOLVED + " Resolved: " + host + ", no anomaly since " + time(episode.last()) + " ("
                + duration(quiet) + "); the episode had " + episodeText;
        ArrayNode blocks = NODES.arrayNode();
        blocks.add(header(RESOLVED + " Resolved: " + host));
        blocks.add(section("No anomaly on *" + escape(host) + "* since " + time(episode.last()) + " ("
                + duration(quiet) + ").\nThe episode had *" + escape(episodeText) + "*, from "
                + time(episode.first()) + "."));
        blocks.add(context("Episode on " + escape(host) + " since " + time(notification.episodeStart())
                + " \u00b7 anomaly alert"));
        return new SlackMessage(notification.episodeKey(), SlackMessage.Role.LAST_REPLY, fit(escape(text), MAX_TEXT),
                blocks);
    }

    /** "7 anomalies on web-1 in 12 s, worst 🔥 4.2×", or "1 anomaly on web-1, 🔥 4.2×". */
    static String summary(Tally tally, String host, boolean more) {
        String counted = countText(tally.count(), more) + " on " + host;
        if (tally.count() == 1) {
            return counted + ", " + badge(tally.worst());
        }
        return counted + span(tally.span()) + ", worst " + badge(tally.worst());
    }

    private static String countText(int count, boolean more) {
        return count + (more ? " more" : "") + (count == 1 ? " anomaly" : " anomalies");
    }

    private static String badge(Anomaly anomaly) {
        return SeverityBadge.emoji(anomaly.severity()) + " " + decimals(anomaly.confidence(), 1) + "\u00d7";
    }

    private static String topFeature(Anomaly anomaly) {
        // No share, no cause to name (a scored CSV from before detect wrote the shares).
        if (anomaly.features().isEmpty() || anomaly.features().get(0).share() <= 0) {
            return "";
        }
        FeatureValue top = anomaly.features().get(0);
        return " (" + top.feature() + (top.value().isPresent() ? " " + decimals(top.value().getAsDouble(), 2) : "")
                + (top.expected().isPresent() ? ", expected " + decimals(top.expected().getAsDouble(), 2) : "")
                + top.typical().map(range -> ", typical " + range(range)).orElse("") + ")";
    }

    private static String metrics(Anomaly worst, boolean ofWorst) {
        StringBuilder text = new StringBuilder(ofWorst ? "*Metrics of the worst anomaly*" : "*Metrics*")
                .append(" (").append(MARK).append(" = explains most of the error)");
        double explained = 0;
        List<FeatureValue> features = worst.features();
        for (int i = 0; i < Math.min(features.size(), MAX_FEATURES); i++) {
            FeatureValue feature = features.get(i);
            boolean marked = explained < MARKED_SHARE && feature.share() > 0;
            explained += feature.share();
            String value = feature.value().isPresent() ? decimals(feature.value().getAsDouble(), 2) : "n/a";
            String share = percent(feature.share());
            text.append('\n').append(marked ? MARK + " *" + escape(feature.feature()) + "* " + value
                    : "\u2022 " + escape(feature.feature()) + " " + value)
                    .append(" (").append(feature.expected().isPresent()
                            ? "expected " + decimals(feature.expected().getAsDouble(), 2) + ", " : "")
                    .append(feature.typical().map(range -> "typical " + range(range) + ", ").orElse(""))
                    .append(share).append(" of the error)");
        }
        if (features.size() > MAX_FEATURES) {
            text.append("\n\u2026 and ").append(features.size() - MAX_FEATURES).append(" more features");
        }
        return text.toString();
    }

    private static String span(Duration span) {
        return span.getSeconds() < 1 ? "" : " in " + duration(span);
    }

    /** "2026-01-01 00:02:09 UTC"; ISO-8601 for an instant the calendar cannot show (a clock gone mad). */
    static String time(java.time.Instant instant) {
        try {
            return TIME.format(instant);
        } catch (java.time.DateTimeException beyondTheCalendar) {
            return instant.toString();
        }
    }

    /** A short human duration: "12 s", "4 min", "2.5 h". */
    static String duration(Duration duration) {
        // Seconds, not milliseconds: a host's clock gone mad can make a span too long for a long of them.
        long seconds = duration.getSeconds() + (duration.getNano() >= 500_000_000 ? 1 : 0);
        if (seconds < 100) {
            return seconds + " s";
        }
        if (seconds < 100 * 60) {
            return Math.round(seconds / 60.0) + " min";
        }
        return decimals(seconds / 3600.0, 1) + " h";
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** "18–44.5", "0.012–0.25": a typical range to three significant digits, as a dashboard shows it. */
    private static String range(TypicalRange range) {
        return significant(range.low()) + "\u2013" + significant(range.high());
    }

    /** Three significant digits, no trailing zeros, never in exponent form: 44.5, 0.0123, 1230. */
    private static String significant(double value) {
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros()
                .toPlainString();
    }

    /** At most {@code scale} decimals, no trailing zeros: 87.5, 44.25, 131. */
    static String decimals(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Slack's mrkdwn needs these three escaped; everything else shows as typed. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ObjectNode header(String text) {
        ObjectNode header = NODES.objectNode().put("type", "header");
        header.set("text", NODES.objectNode().put("type", "plain_text").put("text", fit(text, MAX_HEADER))
                .put("emoji", true));
        return header;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode section = NODES.objectNode().put("type", "section");
        section.set("text", mrkdwn(fit(mrkdwn, MAX_SECTION)));
        return section;
    }

    private static ObjectNode fields(List<String> texts) {
        ObjectNode section = NODES.objectNode().put("type", "section");
        ArrayNode fields = section.putArray("fields");
        texts.forEach(text -> fields.add(mrkdwn(fit(text, MAX_FIELD))));
        return section;
    }

    private static ObjectNode context(String mrkdwn) {
        ObjectNode context = NODES.objectNode().put("type", "context");
        context.putArray("elements").add(mrkdwn(fit(mrkdwn, MAX_FIELD)));
        return context;
    }

    /**
     * The text cut to {@code max} characters with an ellipsis, never inside an escape ({@code &amp;}) or a
     * character outside the BMP, so Slack neither refuses nor garbles it.
     */
    static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        int ampersand = text.lastIndexOf('&', cut - 1);
        if (ampersand >= 0 && ampersand > cut - 6 && text.indexOf(';', ampersand) >= cut) {
            cut = ampersand;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "\u2026";
    }

    private static ObjectNode mrkdwn(String text) {
        return NODES.objectNode().put("type", "mrkdwn").put("text", text);
    }
}
