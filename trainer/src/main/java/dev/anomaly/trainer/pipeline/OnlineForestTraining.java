package dev.anomaly.trainer.pipeline;

import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.model.EpochListener;
import dev.anomaly.model.Percentile;
import dev.anomaly.model.RandomCutForestModel;
import dev.anomaly.model.rcf.RandomCutForestSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the random cut forest on the stream as detect will see it: every event in time order, labelled
 * ones included, because detect learns from anomalies too and they change what a normal score is (a few far
 * outliers in the forest's sample make normal events look more ordinary). Trained on normal events only,
 * the threshold came out at 1.02 where the normal events of a stream with anomalies score 0.80 at the 95th
 * percentile, and 0.2% were flagged instead of 5%. The threshold is the percentile of the normal events'
 * prequential scores (each scored before it was learnt, as detect will score it) in the first 90% of the
 * stream; the last 10% is the held-out check.
 */
final class OnlineForestTraining implements FamilyTrainer {
    @Override
    public FamilyFit fit(TrainingInputs inputs, TrainingSettings settings, EpochListener listener) {
        RandomCutForestSettings forest = settings.onlineForest();
        StreamInputs stream = StreamInputs.of(inputs.events(), inputs.spec(), inputs.layout());
        RandomCutForestModel.Fit fit;
        try {
            fit = RandomCutForestModel.fit(stream.inputs(), forest);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.NOT_ENOUGH_SAMPLES, e.getMessage());
        }
        int rows = stream.inputs().rows();
        int heldOutFrom = (int) Math.round(rows * (1 - settings.validationShare()));
        double[] trainingErrors = scores(fit, stream.normalRows(0, heldOutFrom));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("trees", forest.trees());
        parameters.put("sample_size", forest.sampleSize());
        parameters.put("time_decay", forest.timeDecay());
        parameters.put("seed", forest.seed());
        return new FamilyFit(fit.model(), List.of(), parameters, FamilyFit.noEpochs(), trainingErrors,
                scores(fit, stream.normalRows(heldOutFrom, rows)),
                FitFigures.forest(inputs.train().rows(), Percentile.of(trainingErrors, 50)));
    }

    private static double[] scores(RandomCutForestModel.Fit fit, int[] rows) {
        return Arrays.stream(rows).mapToDouble(row -> fit.scores()[row]).filter(s -> !Double.isNaN(s)).toArray();
    }
}
