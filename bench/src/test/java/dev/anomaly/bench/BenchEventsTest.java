package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.generator.simulation.MetricsSimulator;
import org.junit.jupiter.api.Test;

class BenchEventsTest {
    private final BenchEvents events = new BenchEvents(7);

    @Test
    void anEventsIndexFollowsFromItsHostAndTime() {
        MetricsSimulator simulator = events.simulator();
        for (long i = 0; i < 35; i++) {
            MetricEvent event = simulator.next();
            assertThat(events.index(event.host(), event.timestamp().toEpochMilli())).isEqualTo(i);
        }
    }

    @Test
    void foreignHostsAndTimesHaveNoIndex() {
        long start = BenchEvents.START.toEpochMilli();
        assertThat(events.index("db-1", start)).isEqualTo(-1);
        assertThat(events.index("web-11", start)).isEqualTo(-1);
        assertThat(events.index("web-1", start - 5000)).isEqualTo(-1);
        assertThat(events.index("web-1", start + 1)).isEqualTo(-1);
    }
}
