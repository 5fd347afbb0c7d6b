package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.InputLayout;
import dev.anomaly.model.InputMatrix;
import dev.anomaly.model.WindowAssembler;
import dev.anomaly.trainer.source.TrainingEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Every event of the training data encoded as detect will see it, in time order, labelled ones included (a
 * label does not break a window: detect does not know labels), and which of them are normal. The forests
 * train on this: they are meant to tolerate anomalies in their training data, and learn where they lie.
 *
 * @param inputs one row per complete window
 * @param normal per row, whether the event is unlabelled
 */
record StreamInputs(InputMatrix inputs, boolean[] normal) {
    static StreamInputs of(List<TrainingEvent> events, FeatureSpec spec, InputLayout layout) {
        WindowAssembler assembler = new WindowAssembler(spec);
        List<double[]> windows = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Boolean> normal = new ArrayList<>();
        for (TrainingEvent event : events) {
            double[] window = new double[spec.metricInputs()];
            if (assembler.push(event.key(), event.values(), window, 0)) {
                windows.add(window);
                times.add(event.epochMillis());
                normal.add(!event.labelled());
            }
        }
        InputMatrix matrix = InputMatrix.allocate(windows.size(), layout.inputs());
        boolean[] flags = new boolean[windows.size()];
        for (int row = 0; row < windows.size(); row++) {
            layout.encode(windows.get(row), 0, times.get(row), matrix.values(), row);
            flags[row] = normal.get(row);
        }
        return new StreamInputs(matrix, flags);
    }

    /** The rows of the normal events among the first {@code from}..{@code to} rows. */
    int[] normalRows(int from, int to) {
        return java.util.stream.IntStream.range(from, to).filter(row -> normal[row]).toArray();
    }
}
