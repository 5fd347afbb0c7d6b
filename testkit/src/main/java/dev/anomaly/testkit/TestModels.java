package dev.anomaly.testkit;

import dev.anomaly.common.event.MetricFields;
import dev.anomaly.model.AutoencoderFactory;
import dev.anomaly.model.AutoencoderModel;
import dev.anomaly.model.AutoencoderTrainer;
import dev.anomaly.model.EpochListener;
import dev.anomaly.model.FeatureRanges;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.InputLayout;
import dev.anomaly.model.InputMatrix;
import dev.anomaly.model.ModelFamily;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.ModelStore;
import dev.anomaly.model.Percentile;
import dev.anomaly.model.ReconstructionScorer;
import dev.anomaly.model.Scaler;
import dev.anomaly.model.ScalerKind;
import dev.anomaly.model.Seasonality;
import dev.anomaly.model.IsolationForestModel;
import dev.anomaly.model.RandomCutForestModel;
import dev.anomaly.model.TrainedModel;
import dev.anomaly.model.TrainingOptions;
import dev.anomaly.model.iforest.IsolationForest;
import dev.anomaly.model.iforest.IsolationForestSettings;
import dev.anomaly.model.rcf.RandomCutForestSettings;
import dev.anomaly.model.TrainingSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Real, small autoencoder bundles for tests of modules that may not depend on the trainer: trained in a
 * second or two on {@link SyntheticMetrics}-shaped normal data with the generator's cycles.
 */
public final class TestModels {
    private TestModels() {
    }

    /** Trains an autoencoder on the five metrics with the 300 s and 600 s cycles and saves it as the current bundle. */
    public static ModelMetadata trainAndSave(Path modelDir, String version, long seed, int window) {
        return trainAndSave(modelDir, version, seed, window, ModelFamily.AUTOENCODER);
    }

    /** As {@link #trainAndSave(Path, String, long, int)}, for any model family. */
    public static ModelMetadata trainAndSave(Path modelDir, String version, long seed, int window,
                                             ModelFamily family) {
        FeatureSpec spec = new FeatureSpec(MetricFields.METRICS, window);
        Seasonality seasonality = new Seasonality(List.of(Duration.ofSeconds(300), Duration.ofSeconds(600)));
        Random random = new Random(seed);
        int events = 3000;
        double[][] rows = new double[events][];
        long[] times = new long[events];
        for (int i = 0; i < events; i++) {
            long seconds = SyntheticMetrics.START.getEpochSecond() + 5L * i;
            times[i] = seconds * 1000;
            rows[i] = SyntheticMetrics.normalValues(seconds, random);
        }
        Scaler scaler = Scaler.fit(ScalerKind.STANDARD, rows, spec.featureCount());
        InputLayout layout = new InputLayout(spec, scaler, seasonality);
        int samples = events - window + 1;
        InputMatrix inputs = InputMatrix.allocate(samples, layout.inputs());
        double[] flat = new double[spec.metricInputs()];
        for (int i = 0; i < samples; i++) {
            for (int w = 0; w < window; w++) {
                System.arraycopy(rows[i + w], 0, flat, w * spec.featureCount(), spec.featureCount());
            }
            layout.encode(flat, 0, times[i + window - 1], inputs.values(), i);
        }
        if (family != ModelFamily.AUTOENCODER) {
            return saveForest(modelDir, version, seed, family, spec, seasonality, scaler, rows, inputs);
        }
        List<Integer> layers = List.of(32, 16, 3);
        MultiLayerNetwork network = AutoencoderFactory.create(layout.inputs(), layers, seed, 0.003);
        TrainingOptions options = new TrainingOptions(15, 64, 0, 0.003, 0, seed);
        var history = AutoencoderTrainer.fit(network, inputs, inputs.head(0), options, EpochListener.none());
        double[] errors = new ReconstructionScorer(network, layout).errors(inputs);
        double threshold = Percentile.of(errors, 95);
        TrainingSummary summary = new TrainingSummary(samples, samples, 0, 0, 15, history.epochsRun(),
                history.bestEpoch(), 64, 0.003, seed, 0, history.finalTrainLoss(), Double.NaN, Double.NaN, 0);
        ModelMetadata metadata = new ModelMetadata(version, Instant.now(), spec, "fixed", seasonality, scaler,
                FeatureRanges.of(rows, spec.featureCount()), layers, 95, threshold, summary, "pending", "pending",
                ModelFamily.AUTOENCODER, java.util.Map.of());
        return new ModelStore(modelDir).save(metadata, new AutoencoderModel(network));
    }

    private static ModelMetadata saveForest(Path modelDir, String version, long seed, ModelFamily family,
                                            FeatureSpec spec, Seasonality seasonality, Scaler scaler, double[][] rows,
                                            InputMatrix inputs) {
        InputLayout layout = new InputLayout(spec, scaler, seasonality);
        TrainedModel model;
        double[] errors;
        if (family == ModelFamily.ISOLATION_FOREST) {
            model = new IsolationForestModel(IsolationForest.fit(inputs, IsolationForestSettings.withSeed(seed)));
            errors = model.newScorer(layout, Double.NaN).errors(inputs, spec.featureCount());
        } else {
            RandomCutForestModel.Fit fit = RandomCutForestModel.fit(inputs, RandomCutForestSettings.withSeed(seed));
            model = fit.model();
            errors = java.util.Arrays.stream(fit.scores()).filter(score -> !Double.isNaN(score)).toArray();
        }
        double threshold = Percentile.of(errors, 95);
        TrainingSummary summary = new TrainingSummary(inputs.rows(), inputs.rows(), 0, 0, 0, 0, 0, 0, Double.NaN,
                seed, 0, Percentile.of(errors, 50), Double.NaN, Double.NaN, 0);
        ModelMetadata metadata = new ModelMetadata(version, Instant.now(), spec, "fixed", seasonality, scaler,
                FeatureRanges.of(rows, spec.featureCount()), List.of(), 95, threshold, summary, "pending", "pending",
                family, java.util.Map.of("seed", seed));
        return new ModelStore(modelDir).save(metadata, model);
    }
}
