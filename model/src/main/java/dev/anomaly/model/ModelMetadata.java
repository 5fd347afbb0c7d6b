package dev.anomaly.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a model bundle says about its model, stored as {@code model.json}.
 *
 * @param version unique per training
 * @param trainedAt when training finished
 * @param spec features and window
 * @param seasonalityMode how the periods were chosen: {@code auto}, {@code none} or {@code fixed}
 * @param seasonality the time-of-cycle inputs
 * @param scaler the feature scaling, fitted on training data
 * @param ranges the range of each feature in training, or null (then only distance is checked)
 * @param layers encoder layer sizes, the last being the bottleneck
 * @param percentile the percentile of training errors the threshold was taken at
 * @param threshold errors above it are anomalies
 * @param training how it was trained
 * @param artifactFile the trained model's file name inside the bundle directory (the DL4J network, the
 *     forest)
 * @param artifactSha256 the artifact's SHA-256, to detect a corrupt or replaced file
 * @param family which kind of model the artifact is
 * @param parameters the family's own settings, e.g. trees and sample size of a forest (numbers and strings)
 */
public record ModelMetadata(String version, Instant trainedAt, FeatureSpec spec, String seasonalityMode,
                            Seasonality seasonality, Scaler scaler, FeatureRanges ranges, List<Integer> layers,
                            double percentile, double threshold, TrainingSummary training, String artifactFile,
                            String artifactSha256, ModelFamily family, Map<String, Object> parameters,
                            HostBaselines hostBaselines) {
    /** The model.json format this code reads and writes. */
    public static final int FORMAT = 1;

    public ModelMetadata {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(seasonality, "seasonality");
        Objects.requireNonNull(scaler, "scaler");
        layers = List.copyOf(layers);
        Objects.requireNonNull(family, "family");
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive number, got " + threshold);
        }
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100), got " + percentile);
        }
        if (hostBaselines != null && hostBaselines.fleet().featureCount() != spec.featureCount()) {
            throw new IllegalArgumentException("host baselines have " + hostBaselines.fleet().featureCount()
                    + " features, the spec " + spec.featureCount());
        }
    }

    /** A model that scales every host alike (no {@link HostBaselines}). */
    public ModelMetadata(String version, Instant trainedAt, FeatureSpec spec, String seasonalityMode,
                         Seasonality seasonality, Scaler scaler, FeatureRanges ranges, List<Integer> layers,
                         double percentile, double threshold, TrainingSummary training, String artifactFile,
                         String artifactSha256, ModelFamily family, Map<String, Object> parameters) {
        this(version, trainedAt, spec, seasonalityMode, seasonality, scaler, ranges, layers, percentile, threshold,
                training, artifactFile, artifactSha256, family, parameters, null);
    }

    /** The index of the first implausible value of an event, or -1 (see {@link FeatureRanges}). */
    public int firstImplausible(double[] values) {
        if (ranges != null) {
            // Values are judged as they arrive: by the raw training figures when the model scales per host.
            return ranges.firstImplausible(values, hostBaselines != null ? hostBaselines.raw() : scaler);
        }
        for (int f = 0; f < values.length; f++) {
            if (Math.abs(scaler.apply(f, values[f])) > FeatureRanges.MAX_SCALED_DISTANCE) {
                return f;
            }
        }
        return -1;
    }

    /** The input layout this model scores with. */
    public InputLayout layout() {
        return new InputLayout(spec, scaler, seasonality);
    }

    /** The same metadata naming the stored artifact file. */
    public ModelMetadata withArtifact(String file, String sha256) {
        return new ModelMetadata(version, trainedAt, spec, seasonalityMode, seasonality, scaler, ranges, layers,
                percentile, threshold, training, file, sha256, family, parameters, hostBaselines);
    }
}
