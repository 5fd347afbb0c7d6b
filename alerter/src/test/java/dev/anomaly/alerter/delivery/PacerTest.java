package dev.anomaly.alerter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Pacer pacer = new Pacer(Duration.ofSeconds(1), nanos::get);

    @Test
    void theFirstAttemptNeedNotWait() {
        assertThat(pacer.untilNextAttempt()).isZero();
    }

    @Test
    void theNextAttemptWaitsASecondFromTheEndOfTheLast() {
        nanos.set(Duration.ofSeconds(5).toNanos());
        pacer.attemptEnded();

        nanos.addAndGet(Duration.ofMillis(300).toNanos());

        assertThat(pacer.untilNextAttempt()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void noWaitOnceTheIntervalHasPassed() {
        pacer.attemptEnded();

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(pacer.untilNextAttempt()).isZero();
    }
}
