package dev.anomaly.alerter.time;

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
        clock.observe(T0);
        clock.observe(T0.plusSeconds(30));

        assertThat(clock.now()).contains(T0.plusSeconds(30));
    }

    @Test
    void anOlderEventDoesNotMoveItBack() {
        clock.observe(T0.plusSeconds(30));

        clock.observe(T0);

        assertThat(clock.now()).contains(T0.plusSeconds(30));
    }

    @Test
    void advancesWithRealTimeWhenNoEventArrives() {
        clock.observe(T0);

        wallNanos.addAndGet(Duration.ofSeconds(90).toNanos());

        assertThat(clock.now()).contains(T0.plusSeconds(90));
    }

    @Test
    void acceleratedEventsMoveItFasterThanRealTime() {
        clock.observe(T0);
        wallNanos.addAndGet(Duration.ofSeconds(1).toNanos());

        clock.observe(T0.plusSeconds(60));

        assertThat(clock.now()).contains(T0.plusSeconds(60));
    }

    @Test
    void anEventBehindTheRealTimeReadingDoesNotMoveItBack() {
        clock.observe(T0);
        wallNanos.addAndGet(Duration.ofSeconds(10).toNanos());

        clock.observe(T0.plusSeconds(4));

        assertThat(clock.now()).contains(T0.plusSeconds(10));
    }

    @Test
    void frozenItMovesOnlyWithEvents() {
        clock.observe(T0);
        wallNanos.addAndGet(Duration.ofSeconds(5).toNanos());
        clock.freeze();

        wallNanos.addAndGet(Duration.ofMinutes(10).toNanos());
        clock.observe(T0.plusSeconds(7));

        assertThat(clock.now()).contains(T0.plusSeconds(7));
    }

    @Test
    void unfrozenItResumesFromItsReadingWithoutAJump() {
        clock.observe(T0);
        clock.freeze();
        wallNanos.addAndGet(Duration.ofMinutes(10).toNanos());

        clock.unfreeze();
        wallNanos.addAndGet(Duration.ofSeconds(3).toNanos());

        assertThat(clock.now()).contains(T0.plusSeconds(3));
    }
}
