package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.AutoencoderFactory;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.InputNoise;
import dev.anomaly.model.ModelFamily;
import dev.anomaly.model.iforest.IsolationForestSettings;
import dev.anomaly.model.rcf.RandomCutForestSettings;
import dev.anomaly.model.ScalerKind;
import dev.anomaly.model.TrainingOptions;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes a model.
 *
 * @param spec features and window
 * @param scaler how features are scaled
 * @param seasonality how time-of-cycle inputs are chosen
 * @param layers encoder sizes ending in the bottleneck, or empty for the default
 * @param training epochs, batch size, patience, learning rate, seed
 * @param percentile the threshold is this percentile of the training errors
 * @param validationShare the share of events held out for early stopping and the false-alarm check
 * @param family which kind of model to train
 * @param forest trees and sample size, for the isolation forest
 * @param onlineForest trees, sample size and time decay, for the random cut forest
 * @param baselineStep with per-host scaling, how far each host's baseline moves per event, in spreads
 *     ({@link dev.anomaly.model.HostBaselines}); 0: every host is scaled alike
 */
public record TrainingSettings(FeatureSpec spec, ScalerKind scaler, SeasonalityChoice seasonality, List<Integer> layers,
                               TrainingOptions training, double percentile, double validationShare,
                               ModelFamily family, IsolationForestSettings forest,
                               RandomCutForestSettings onlineForest, double baselineStep) {
    public static final double DEFAULT_PERCENTILE = 95;
    public static final double DEFAULT_VALIDATION_SHARE = 0.1;

    public TrainingSettings {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(seasonality, "seasonality");
        layers = List.copyOf(layers);
        Objects.requireNonNull(training, "training");
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, got " + percentile);
        }
        if (!(validationShare >= 0 && validationShare < 0.9)) {
            throw new IllegalArgumentException("validation share must be in [0, 0.9), got " + validationShare);
        }
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(forest, "forest");
        Objects.requireNonNull(onlineForest, "onlineForest");
        if (!(baselineStep >= 0 && baselineStep < 1)) {
            throw new IllegalArgumentException("the baseline step must be at least 0 and below 1, got "
                    + baselineStep);
        }
    }

    /**
     * {@code anomaly train}'s defaults for an autoencoder with these fit options: the default features,
     * standard scaling, automatic seasonality, the default layers, percentile and validation share. What the
     * demo and the bench train with.
     */
    public static TrainingSettings defaults(TrainingOptions options) {
        return new TrainingSettings(FeatureSpec.defaults(), ScalerKind.STANDARD,
                SeasonalityChoice.parse(SeasonalityChoice.AUTO), List.of(), options, DEFAULT_PERCENTILE,
                DEFAULT_VALIDATION_SHARE);
    }

    /** {@code anomaly train}'s fit options with this many epochs and this seed. */
    public static TrainingOptions defaultOptions(int epochs, long seed) {
        return new TrainingOptions(epochs, TrainingOptions.AUTO_BATCH, TrainingOptions.DEFAULT_PATIENCE,
                AutoencoderFactory.DEFAULT_LEARNING_RATE, DEFAULT_L2, seed, InputNoise.DEFAULT_DEVIATION);
    }

    /** The same settings for another family. */
    public TrainingSettings forFamily(ModelFamily other) {
        return new TrainingSettings(spec, scaler, seasonality, layers, training, percentile, validationShare, other,
                forest, onlineForest, baselineStep);
    }

    /** The same settings over windows of {@code window} consecutive events per host ({@code train --window}). */
    public TrainingSettings withWindow(int window) {
        return new TrainingSettings(new FeatureSpec(spec.features(), window), scaler, seasonality, layers, training,
                percentile, validationShare, family, forest, onlineForest, baselineStep);
    }

    /** {@code train --baseline-step}'s default. */
    public static final double DEFAULT_BASELINE_STEP = 0;

    /** Whether the model scales each host by its own baseline. */
    public boolean perHostScaling() {
        return baselineStep > 0;
    }

    /** An autoencoder with these settings (the forest settings unused). */
    public TrainingSettings(FeatureSpec spec, ScalerKind scaler, SeasonalityChoice seasonality, List<Integer> layers,
                            TrainingOptions training, double percentile, double validationShare) {
        this(spec, scaler, seasonality, layers, training, percentile, validationShare, ModelFamily.AUTOENCODER,
                IsolationForestSettings.withSeed(training.seed()), RandomCutForestSettings.withSeed(training.seed()),
                DEFAULT_BASELINE_STEP);
    }

    /** Weight decay: measured over five seeds it steadies recall and keeps held-out false alarms near 5%. */
    public static final double DEFAULT_L2 = TrainingOptions.DEFAULT_L2;

    /**
     * The default encoder without input noise: 32, 16 and a bottleneck about half as wide as the network's
     * inputs (metrics and time-of-cycle inputs): 5 for the generator's 5 metrics and 2 cycles. A bottleneck as
     * wide as the input learns the identity (shared/MODELING.md); measured over five seeds, 3 caught 85–90% of
     * cpu spikes, 4 flagged 6.5% of normal events, 5 caught 99.6–99.9% at 4.8–5.7%.
     *
     * <p>With input noise the network cannot learn the identity, and the bottleneck is as wide as the inputs
     * (at most 16): trained with noise 0.4 on the generator's seed-2 history with seeds 11–22, a bottleneck of 5
     * got stuck in 2 trainings of 12 (held-out loss 0.13 and 0.23 against 0.073–0.081; such a model passes disk
     * and network through and catches about a third of the cpu spikes), 7 and 9 never.
     */
    public static List<Integer> defaultLayers(int inputs, double inputNoise) {
        int bottleneck = inputNoise > 0 ? Math.min(16, inputs) : (inputs + 1) / 2;
        return List.of(32, 16, Math.max(2, Math.min(16, bottleneck)));
    }

    /** The layers to build for a network of {@code inputs}: the given ones or the default. */
    public List<Integer> effectiveLayers(int inputs) {
        return layers.isEmpty() ? defaultLayers(inputs, effectiveInputNoise(inputs)) : layers;
    }

    /**
     * The input noise a network of {@code inputs} is fitted with: none for a single input, which has nothing to
     * be predicted from (noise would only pull it to its training mean, a static threshold that every drift
     * breaks).
     */
    public double effectiveInputNoise(int inputs) {
        return inputs > 1 ? training.inputNoise() : 0;
    }
}
