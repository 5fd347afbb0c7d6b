package dev.anomaly.generator.run;

import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.common.event.MetricEventJson;
import dev.anomaly.common.sink.OutgoingRecord;
import dev.anomaly.generator.simulation.MetricsSimulator;
import java.util.Optional;

/** Generated events, endless. */
public final class SimulatorSource implements RecordSource {
    private final MetricsSimulator simulator;

    public SimulatorSource(MetricsSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public Optional<Item> next() {
        MetricEvent event = simulator.next();
        return Optional.of(new Item(new OutgoingRecord(event.host(), MetricEventJson.toBytes(event), event),
                event.timestamp()));
    }

    @Override
    public boolean timed() {
        return true;
    }

    @Override
    public void close() {
        // nothing held
    }
}
