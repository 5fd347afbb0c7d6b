package dev.anomaly.alerter.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.alerting.silence.Silence;
import dev.anomaly.alerter.testing.Anomalies;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.grouping.Tally;
import dev.anomaly.common.event.HostGlob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SilencedHostsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final Silence SILENCE = new Silence("a1b2c3d4", new HostGlob("db-*"), T0, T0.plusSeconds(3600),
            "deploy 4121", T0);

    private final SilencedHosts silenced = new SilencedHosts();

    @Test
    void aSilencedEpisodesResolveIsKeptButItsAnomaliesAreNotCountedTwice() {
        Notification firing = notification(Notification.Kind.FIRING, 3);
        Notification resolved = notification(Notification.Kind.RESOLVED, 3);

        int first = silenced.add(firing, SILENCE);
        boolean keepsResolve = silenced.keeps(resolved);
        int second = silenced.add(resolved, SILENCE);

        assertThat(first).isEqualTo(3);
        assertThat(keepsResolve).isTrue();
        assertThat(second).isZero();
        assertThat(silenced.noteFor("db-1")).contains("2 messages (3 anomalies) silenced by a1b2c3d4 (deploy 4121)");
    }

    @Test
    void aResolveOfAnEpisodeWhoseFirstMessageWentOutIsSentToCloseItsThread() {
        Notification firing = notification(Notification.Kind.FIRING, 2);
        silenced.reported(firing);

        assertThat(silenced.keeps(notification(Notification.Kind.REPEAT, 4))).isTrue();
        assertThat(silenced.keeps(notification(Notification.Kind.RESOLVED, 6))).isFalse();
    }

    @Test
    void theNoteIsSaidOnceThenCountingStartsAgain() {
        silenced.add(notification(Notification.Kind.FIRING, 1), SILENCE);

        silenced.reported(notification(Notification.Kind.REPEAT, 2));

        assertThat(silenced.noteFor("db-1")).isEqualTo(Optional.empty());
    }

    private static Notification notification(Notification.Kind kind, int count) {
        Tally tally = Tally.of(Anomalies.anomaly("db-1", T0, 2.5));
        for (int i = 1; i < count; i++) {
            tally = tally.plus(Anomalies.anomaly("db-1", T0.plusSeconds(i), 2.5));
        }
        return new Notification(kind, "db-1", T0, T0.plusSeconds(30), tally, Optional.empty(), List.of());
    }
}
