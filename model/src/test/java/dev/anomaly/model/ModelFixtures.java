package dev.anomaly.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Small real models for tests: a few epochs on random data, seconds at most. */
final class ModelFixtures {
    static final FeatureSpec SPEC = new FeatureSpec(List.of("cpu_usage", "memory_usage", "response_time_ms"), 1);
    static final Seasonality SEASONALITY = new Seasonality(List.of(Duration.ofSeconds(300)));

    private ModelFixtures() {
    }

    static InputLayout layout() {
        Scaler scaler = new Scaler(ScalerKind.STANDARD, new double[] {25, 45, 135}, new double[] {12, 8, 21});
        return new InputLayout(SPEC, scaler, SEASONALITY);
    }

    static InputMatrix randomInputs(int rows, long seed) {
        InputLayout layout = layout();
        Random random = new Random(seed);
        InputMatrix matrix = InputMatrix.allocate(rows, layout.inputs());
        double[] raw = new double[3];
        for (int row = 0; row < rows; row++) {
            raw[0] = 25 + 12 * random.nextGaussian();
            raw[1] = 45 + 8 * random.nextGaussian();
            raw[2] = 135 + 21 * random.nextGaussian();
            layout.encode(raw, 0, 1_767_225_600_000L + row * 5000L, matrix.values(), row);
        }
        return matrix;
    }

    static MultiLayerNetwork trainedNetwork(long seed) {
        MultiLayerNetwork network = AutoencoderFactory.create(layout().inputs(), List.of(16, 2), seed, 0.01);
        AutoencoderTrainer.fit(network, randomInputs(200, seed), randomInputs(20, seed + 1),
                new TrainingOptions(3, 64, 0, 0.01, 0, seed), EpochListener.none());
        return network;
    }

    static ModelMetadata metadata(String version, double threshold) {
        TrainingSummary training = new TrainingSummary(220, 200, 20, 5, 3, 3, 3, 64, 0.01, 1, 0, 0.5, 0.6, 0.05, 0.1);
        return new ModelMetadata(version, Instant.parse("2026-11-22T10:00:00Z"), SPEC, "fixed", SEASONALITY,
                layout().scaler(), new FeatureRanges(new double[] {0, 0, 50}, new double[] {100, 100, 900}),
                List.of(16, 2), 95, threshold, training, "pending", "pending", ModelFamily.AUTOENCODER,
                java.util.Map.of());
    }
}
