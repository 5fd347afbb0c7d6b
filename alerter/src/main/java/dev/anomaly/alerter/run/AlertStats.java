package dev.anomaly.alerter.run;

import dev.anomaly.alerting.grouping.Decisions;
import dev.anomaly.alerting.grouping.Notification;
import java.util.Locale;

/** What a run did, for the summary line on exit. Mutable; owned by the run's thread. */
public final class AlertStats {
    private long consumed;
    private long unreadable;
    private long filtered;
    private long ruledOut;
    private long alreadyReported;
    private long alerts;
    private long repeats;
    private long resolves;
    private long retries;
    private long groupsSuppressed;
    private long undelivered;
    private long silencedMessages;
    private long silencedAnomalies;

    void consumed() {
        consumed++;
    }

    void unreadable() {
        unreadable++;
    }

    void ruledOut() {
        ruledOut++;
    }

    void alreadyReported() {
        alreadyReported++;
    }

    void decided(Decisions decisions) {
        filtered += decisions.filtered();
        groupsSuppressed += decisions.groupsSuppressed();
    }

    void sent(Notification.Kind kind) {
        switch (kind) {
            case FIRING -> alerts++;
            case REPEAT -> repeats++;
            case RESOLVED -> resolves++;
        }
    }

    void silenced(int anomalies) {
        silencedMessages++;
        silencedAnomalies += anomalies;
    }

    void undelivered() {
        undelivered++;
    }

    void retries(long total) {
        retries = total;
    }

    /** The summary: anomalies consumed, messages sent, retries, groups suppressed, bad records. */
    public String summary() {
        String skipped = alreadyReported > 0
                ? String.format(Locale.ROOT, ", %,d skipped as handled before a restart", alreadyReported) : "";
        String rules = ruledOut > 0
                ? String.format(Locale.ROOT, ", %,d not let stand by the alert rules", ruledOut) : "";
        return String.format(Locale.ROOT, "Consumed %,d anomalies (%,d unreadable, %,d below --min-severity%s%s); "
                        + "sent %,d messages (%,d alerts, %,d repeats, %,d resolved) with %,d retries; "
                        + "%,d groups suppressed by --repeat-interval%s",
                consumed, unreadable, filtered, rules, skipped, alerts + repeats + resolves, alerts, repeats, resolves, retries,
                groupsSuppressed, undelivered > 0
                        ? String.format(Locale.ROOT, "; %,d messages refused by Slack for their content stored as "
                                + "undelivered", undelivered) : "")
                + (silencedMessages > 0 ? String.format(Locale.ROOT, "; %,d messages (%,d anomalies) silenced",
                        silencedMessages, silencedAnomalies) : "");
    }
}
