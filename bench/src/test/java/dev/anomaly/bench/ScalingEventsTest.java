package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.generator.simulation.MetricsSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScalingEventsTest {
    @Test
    void theBenchsEventsGoRoundTheHostsOneStepAtATimeWithTheirValues() {
        ScalingEvents events = new ScalingEvents(new BenchEvents(7), 3);
        MetricsSimulator original = new BenchEvents(7).simulator();

        for (int i = 0; i < 7; i++) {
            MetricEvent event = events.get();
            MetricEvent source = original.next();
            assertThat(event.host()).isEqualTo("host-" + i % 3);
            assertThat(event.timestamp()).isEqualTo(BenchEvents.START.plus(Duration.ofSeconds(5L * (i / 3))));
            assertThat(event.metrics()).containsExactly(source.metrics());
            assertThat(event.label()).isEqualTo(source.label());
        }
    }
}
