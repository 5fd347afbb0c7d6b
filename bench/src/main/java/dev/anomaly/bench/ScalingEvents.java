package dev.anomaly.bench;

import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.generator.simulation.MetricsSimulator;
import dev.anomaly.generator.simulation.SimulationSettings;
import java.util.function.Supplier;

/**
 * The bench's events spread over any number of hosts: the i-th event is the bench's i-th generated event
 * (realistic values, the same anomaly episodes), renamed to host {@code host-(i mod hosts)} at step
 * {@code i / hosts}. Simulating a million hosts would cost the bench's own JVM a million simulations; the
 * detector sees a million distinct hosts all the same, each with a time series of its own.
 */
final class ScalingEvents implements Supplier<MetricEvent> {
    private final MetricsSimulator simulator;
    private final int hosts;
    private long next;

    ScalingEvents(BenchEvents events, int hosts) {
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts must be at least 1, got " + hosts);
        }
        this.simulator = events.simulator();
        this.hosts = hosts;
    }

    @Override
    public MetricEvent get() {
        MetricEvent event = simulator.next();
        long i = next++;
        return new MetricEvent(BenchEvents.START.plus(SimulationSettings.DEFAULT_INTERVAL.multipliedBy(i / hosts)),
                "host-" + i % hosts, event.cpuUsage(), event.memoryUsage(), event.responseTimeMs(), event.diskIoMb(),
                event.networkIoMb(), event.label(), event.episode());
    }
}
