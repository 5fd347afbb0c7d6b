package dev.anomaly.alerting.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventClockTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong wallNanos = new AtomicLong(5_000_000_000L);
    private final EventClock clock = new EventClock(wallNanos::get);

    @Test
    void hasNoTimeBeforeTheFirstEvent() {
        assertThat(clock.now()).isEmpty();
    }

    @Test
    void readsTheNewestEventTime() {
        clock.observe("web-1", T0);
        clock.observe("web-1", T0.plusSeconds(30));

        assertThat(clock.now()).contains(T0.plusSeconds(30));
    }

    @Test
    void anOlderEventDoesNotMoveItBack() {
        clock.observe("web-1", T0.plusSeconds(30));

        clock.observe("web-1", T0);

        assertThat(clock.now()).contains(T0.plusSeconds(30));
    }

    @Test
    void advancesWithRealTimeWhenNoEventArrives() {
        clock.observe("web-1", T0);

        wallNanos.addAndGet(Duration.ofSeconds(90).toNanos());

        assertThat(clock.now()).contains(T0.plusSeconds(90));
    }

    @Test
    void acceleratedEventsMoveItFasterThanRealTime() {
        clock.observe("web-1", T0);
        wallNanos.addAndGet(Duration.ofSeconds(1).toNanos());

        clock.observe("web-1", T0.plusSeconds(60));

        assertThat(clock.now()).contains(T0.plusSeconds(60));
    }

    @Test
    void anEventBehindTheRealTimeReadingDoesNotMoveItBack() {
        clock.observe("web-1", T0);
        wallNanos.addAndGet(Duration.ofSeconds(10).toNanos());

        clock.observe("web-1", T0.plusSeconds(4));

        assertThat(clock.now()).contains(T0.plusSeconds(10));
    }

    @Test
    void frozenItMovesOnlyWithEvents() {
        clock.observe("web-1", T0);
        wallNanos.addAndGet(Duration.ofSeconds(5).toNanos());
        clock.freeze();

        wallNanos.addAndGet(Duration.ofMinutes(10).toNanos());
        clock.observe("web-1", T0.plusSeconds(7));

        assertThat(clock.now()).contains(T0.plusSeconds(7));
    }

    @Test
    void unfrozenItResumesFromItsReadingWithoutAJump() {
        clock.observe("web-1", T0);
        clock.freeze();
        wallNanos.addAndGet(Duration.ofMinutes(10).toNanos());

        clock.unfreeze();
        wallNanos.addAndGet(Duration.ofSeconds(3).toNanos());

        assertThat(clock.now()).contains(T0.plusSeconds(3));
    }

    @Test
    void oneHostWithAClockFarAheadMovesOnlyItself() {
        clock.observe("web-1", T0);
        clock.observe("web-2", T0);
        Instant future = Instant.parse("3000-01-01T00:00:00Z");

        clock.observe("skewed", future);
        wallNanos.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(clock.now("web-1")).isEqualTo(T0.plusSeconds(10));
        assertThat(clock.now("skewed")).isEqualTo(future.plusSeconds(10));
    }

    @Test
    void aFirstHostFarAheadDoesNotKeepTheStreamInTheFuture() {
        clock.observe("skewed", Instant.parse("3000-01-01T00:00:00Z"));

        clock.observe("web-1", T0);
        clock.observe("web-2", T0.plusSeconds(5));

        assertThat(clock.now("web-1")).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void theEndOfTimeIsAsFarAsItGoes() {
        clock.observe("web-1", Instant.MAX);

        wallNanos.addAndGet(Duration.ofDays(1).toNanos());

        assertThat(clock.now("web-1")).isEqualTo(Instant.MAX);
    }
}
