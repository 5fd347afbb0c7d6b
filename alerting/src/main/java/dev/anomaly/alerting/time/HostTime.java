package dev.anomaly.alerting.time;

import java.time.Instant;
import java.util.Optional;

/**
 * What time it is for decisions about each host. Most hosts share the stream's time; a host whose own clock
 * runs ahead of every other host's keeps its own, so it moves nothing but itself.
 */
public interface HostTime {
    /** The current event time for decisions about {@code host}. */
    Instant now(String host);

    /** The one host whose time may be ahead of the stream's, if any. */
    Optional<String> ahead();

    /** One time for every host (tests, replays). */
    static HostTime uniform(Instant now) {
        return new HostTime() {
            @Override
            public Instant now(String host) {
                return now;
            }

            @Override
            public Optional<String> ahead() {
                return Optional.empty();
            }
        };
    }
}
