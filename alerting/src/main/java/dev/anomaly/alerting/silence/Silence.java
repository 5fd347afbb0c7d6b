package dev.anomaly.alerting.silence;

import dev.anomaly.common.event.HostGlob;
import java.time.Instant;
import java.util.Objects;

/**
 * No message for matching hosts from {@code startsAt} until {@code endsAt} (wall-clock time: a silence is about
 * now, "during the deploy", whatever time the events carry).
 *
 * @param id a short random name to expire it by
 * @param hosts which hosts it silences
 * @param reason why, shown with it and in the message that follows it
 * @param createdAt when it was added
 */
public record Silence(String id, HostGlob hosts, Instant startsAt, Instant endsAt, String reason,
                      Instant createdAt) {
    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a silence needs an id");
        }
    }

    /** Whether it silences this host at this time. */
    public boolean silences(String host, Instant now) {
        return isActive(now) && hosts.matches(host);
    }

    public boolean isActive(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** The same silence, ended at {@code now} (or as it was, if it ended before). */
    public Silence expiredAt(Instant now) {
        return now.isBefore(endsAt) ? new Silence(id, hosts, startsAt, now, reason, createdAt) : this;
    }
}
