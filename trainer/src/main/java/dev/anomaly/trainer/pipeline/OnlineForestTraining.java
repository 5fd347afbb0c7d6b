package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.InputLayout;
import dev.anomaly.model.RandomCutForestModel;
import dev.anomaly.model.rcf.RandomCutForestSettings;
import dev.anomaly.trainer.source.TrainingEvent;
import java.util.List;

/**
 * Trains the random cut forest on the stream as detect will see it: every event in time order, labelled
 * ones included, because detect learns from anomalies too and they change what a normal score is (a few far
 * outliers in the forest's sample make normal events look more ordinary). Trained on normal events only,
 * the threshold came out at 1.02 where the normal events of a stream with anomalies score 0.80 at the 95th
 * percentile, and 0.2% were flagged instead of 5%. The threshold is the percentile of the normal events'
 * prequential scores in the first 90% of the stream; the last 10% is the held-out check.
 */
final class OnlineForestTraining {
    private OnlineForestTraining() {
    }

    /**
     * What training produced.
     *
     * @param fit the forest and every event's prequential score
     * @param trainingErrors scores of the normal events the threshold is taken from
     * @param validationErrors scores of the normal events held out (the latest ones)
     */
    record Result(RandomCutForestModel.Fit fit, double[] trainingErrors, double[] validationErrors) {
    }

    static Result run(List<TrainingEvent> events, FeatureSpec spec, InputLayout layout,
                      RandomCutForestSettings settings, double validationShare) {
        StreamInputs stream = StreamInputs.of(events, spec, layout);
        RandomCutForestModel.Fit fit = RandomCutForestModel.fit(stream.inputs(), settings);
        int rows = stream.inputs().rows();
        int heldOutFrom = (int) Math.round(rows * (1 - validationShare));
        return new Result(fit, scores(fit, stream.normalRows(0, heldOutFrom)),
                scores(fit, stream.normalRows(heldOutFrom, rows)));
    }

    private static double[] scores(RandomCutForestModel.Fit fit, int[] rows) {
        return java.util.Arrays.stream(rows).mapToDouble(row -> fit.scores()[row]).filter(s -> !Double.isNaN(s))
                .toArray();
    }
}
