package dev.anomaly.alerter.run;

import dev.anomaly.alerting.silence.SilenceTopic;
import dev.anomaly.alerting.silence.Silences;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.failure.ExplainedException;

/** The silences in force when an alerter starts, read before its first decision. */
public final class SilencesAtStart {
    private SilencesAtStart() {
    }

    /**
     * Reads every silence, creating the topic first unless {@code readOnly} (a dry run creates nothing). A
     * restarted alerter so never sends what a silence holds back. Silences are a convenience: when they cannot
     * be read (a missing permission, a partition offline) alerting goes on without them, says so, and the
     * follower keeps trying.
     */
    public static Silences read(SilenceTopic topic, boolean readOnly, Console console) {
        Silences silences = new Silences();
        try {
            if (!readOnly) {
                topic.ensureExists();
            }
            topic.readAll(silences);
        } catch (ExplainedException e) {
            console.info("warning: cannot read the silences in " + topic.name() + " (" + e.getMessage()
                    + "); alerting without them until they can be read");
        }
        return silences;
    }
}
