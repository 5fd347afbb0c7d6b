package dev.anomaly.common.model;

import java.time.Instant;
import java.util.List;
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
 * @param networkFile the DL4J network's file name inside the bundle directory
 * @param networkSha256 the network file's SHA-256, to detect a corrupt or replaced file
 */
public record ModelMetadata(String version, Instant trainedAt, FeatureSpec spec, String seasonalityMode,
                            Seasonality seasonality, Scaler scaler, FeatureRanges ranges, List<Integer> layers,
                            double percentile,
                            double threshold, TrainingSummary training, String networkFile, String networkSha256) {
    /** The model family; issue 8 adds others. */
    public static final String AUTOENCODER = "autoencoder";
    /** The model.json format this code reads and writes. */
    public static final int FORMAT = 1;

    public ModelMetadata {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(seasonality, "seasonality");
        Objects.requireNonNull(scaler, "scaler");
        layers = List.copyOf(layers);
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive number, got " + threshold);
        }
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100), got " + percentile);
        }
    }

    /** The index of the first implausible value of an event, or -1 (see {@link FeatureRanges}). */
    public int firstImplausible(double[] values) {
        if (ranges != null) {
            return ranges.firstImplausible(values, scaler);
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

    /** The same metadata naming the stored network file. */
    public ModelMetadata withNetwork(String file, String sha256) {
        return new ModelMetadata(version, trainedAt, spec, seasonalityMode, seasonality, scaler, ranges, layers,
                percentile, threshold, training, file, sha256);
    }
}
