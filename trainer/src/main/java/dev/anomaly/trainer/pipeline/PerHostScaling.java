package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.FeatureBaseline;
import dev.anomaly.model.HostBaselines;
import dev.anomaly.model.Scaler;
import dev.anomaly.trainer.source.TrainingEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts training events on the fleet's scale the way {@code detect} will: each host starts from the median
 * and quartiles of its own normal events, then its events are replayed in order, each scaled by the host's
 * baseline as it was before the event and then learnt (labelled events are scaled, never learnt). The
 * baselines the replay ends with are where {@code detect} continues.
 */
final class PerHostScaling {
    /**
     * @param events the events on the fleet's scale, in the same order
     * @param baselines the fleet's figures and each host's baseline at the end of its events
     */
    record Result(List<TrainingEvent> events, HostBaselines baselines) {
    }

    private PerHostScaling() {
    }

    /** @param raw the scaler of the training events as they arrived, saved with the baselines */
    static Result replay(List<TrainingEvent> events, int features, double step, Scaler raw) {
        Map<String, List<double[]>> normalPerHost = new LinkedHashMap<>();
        List<double[]> normal = new ArrayList<>();
        for (TrainingEvent event : events) {
            if (!event.labelled()) {
                normalPerHost.computeIfAbsent(event.key(), host -> new ArrayList<>()).add(event.values());
                normal.add(event.values());
            }
        }
        FeatureBaseline fleet = FeatureBaseline.fit(normal.toArray(double[][]::new), features);
        Map<String, FeatureBaseline> hosts = new LinkedHashMap<>();
        normalPerHost.forEach((host, rows) -> hosts.put(host, FeatureBaseline.fit(rows.toArray(double[][]::new),
                features)));
        HostBaselines starting = new HostBaselines(step, fleet, hosts, raw);
        double[] floors = starting.floors();
        Map<String, FeatureBaseline> current = new LinkedHashMap<>();
        List<TrainingEvent> scaled = new ArrayList<>(events.size());
        for (TrainingEvent event : events) {
            FeatureBaseline host = current.computeIfAbsent(event.key(), starting::initial);
            double[] values = new double[features];
            starting.normalise(host, floors, event.values(), values, 0);
            if (!event.labelled()) {
                starting.learn(host, floors, event.values());
            }
            scaled.add(new TrainingEvent(event.key(), event.epochMillis(), values, event.labelled()));
        }
        return new Result(scaled, new HostBaselines(step, fleet, current, raw));
    }
}
