package dev.anomaly.bench;

import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.generator.simulation.MetricsSimulator;
import dev.anomaly.trainer.source.CollectedData;
import dev.anomaly.trainer.source.TrainingEvent;
import java.util.ArrayList;
import java.util.List;

/** Generated events as {@code anomaly train} collects them from a topic: until N normal events arrived. */
final class TrainingData {
    private TrainingData() {
    }

    /** Events up to the {@code normal}-th unlabelled one; labelled events are kept (training leaves them out). */
    static CollectedData generate(BenchEvents events, int normal) {
        MetricsSimulator simulator = events.simulator();
        List<TrainingEvent> collected = new ArrayList<>(normal + normal / 3);
        long normalCount = 0;
        long labelled = 0;
        while (normalCount < normal) {
            MetricEvent event = simulator.next();
            collected.add(new TrainingEvent(event.host(), event.timestamp().toEpochMilli(), event.metrics(),
                    event.isAnomalous()));
            if (event.isAnomalous()) {
                labelled++;
            } else {
                normalCount++;
            }
        }
        return new CollectedData(collected, normalCount, labelled, 0, "generated events");
    }
}
