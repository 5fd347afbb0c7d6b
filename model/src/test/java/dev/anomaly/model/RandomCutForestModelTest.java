package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.model.rcf.RandomCutForestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomCutForestModelTest {
    private static final RandomCutForestSettings SETTINGS = new RandomCutForestSettings(30, 64, 1.0 / 640, 7);

    @TempDir
    Path dir;

    @Test
    void scoresAFarOutlierAboveTheTrainingThresholdAndAttributesItToItsFeature() {
        RandomCutForestModel.Fit fit = RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS);
        double threshold = Percentile.of(java.util.Arrays.stream(fit.scores()).filter(s -> !Double.isNaN(s))
                .toArray(), 95);
        InputMatrix probe = ModelFixtures.randomInputs(2, 2);
        probe.values()[probe.columns() + 2] = 12f; // response time of the second row, 12 standard deviations out

        BatchScores scores = new BatchScores(3);
        fit.model().newScorer(ModelFixtures.layout(), threshold).score(probe, scores);

        assertThat(fit.scores()).hasSize(600);
        assertThat(fit.scores()[63]).isNaN();
        assertThat(fit.scores()[64]).isPositive();
        assertThat(scores.error(1)).isGreaterThan(threshold).isGreaterThan(scores.error(0));
        assertThat(scores.share(1, 2)).isGreaterThan(0.5f);
    }

    @Test
    void learnsOnlineSoARepeatedNewPointStopsLookingAnomalous() {
        RandomCutForestModel.Fit fit = RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS);
        BatchScorer scorer = fit.model().newScorer(ModelFixtures.layout(), 1.0);
        InputMatrix shifted = ModelFixtures.randomInputs(400, 3);
        for (int row = 0; row < shifted.rows(); row++) {
            shifted.values()[row * shifted.columns()] += 4f; // cpu four standard deviations up, for good
        }

        double[] errors = scorer.errors(shifted, 3);

        double first = mean(errors, 0, 20);
        double last = mean(errors, 380, 400);
        assertThat(last).isLessThan(first * 0.8);
    }

    @Test
    void aSavedAndReloadedForestScoresLikeTheOriginal() {
        RandomCutForestModel.Fit fit = RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS);
        ModelStore store = new ModelStore(dir);
        store.save(metadata("v1"), fit.model());
        InputMatrix probe = ModelFixtures.randomInputs(50, 4);

        double[] original = fit.model().newScorer(ModelFixtures.layout(), 1.0).errors(probe, 3);
        double[] reloaded = store.load().newScorer().errors(probe, 3);

        assertThat(store.load().family()).isEqualTo(ModelFamily.RANDOM_CUT_FOREST);
        assertThat(reloaded).containsExactly(original);
    }

    @Test
    void aDetectorResumesFromItsCheckpointAndNotFromTheTrainedForest() throws IOException {
        ModelStore store = new ModelStore(dir);
        store.save(metadata("v1"), RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS).model());
        InputMatrix learnt = ModelFixtures.randomInputs(300, 5);
        InputMatrix probe = ModelFixtures.randomInputs(20, 6);

        BatchScorer first = store.load().newScorer("detector-1");
        first.errors(learnt, 3);
        first.checkpoint();
        BatchScorer resumed = store.load().newScorer("detector-1");
        BatchScorer fresh = store.load().newScorer("detector-2");
        BatchScorer continued = first;

        assertThat(dir.resolve("rcf-v1.online-detector-1.json")).isNotEmptyFile();
        assertThat(resumed.errors(probe, 3)).containsExactly(continued.errors(probe, 3));
        assertThat(fresh.errors(probe, 3)).isNotEqualTo(resumed.errors(probe, 3));
    }

    @Test
    void anUnreadableCheckpointIsIgnored() throws IOException {
        ModelStore store = new ModelStore(dir);
        store.save(metadata("v1"), RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS).model());
        Files.writeString(dir.resolve("rcf-v1.online-detector-1.json"), "{\"dimensions\": ");
        InputMatrix probe = ModelFixtures.randomInputs(20, 6);

        assertThat(store.load().newScorer("detector-1").errors(probe, 3))
                .containsExactly(store.load().newScorer().errors(probe, 3));
    }

    @Test
    void aNewVersionRemovesTheOldVersionsArtifactAndCheckpointsButKeepsThePrevious() throws IOException {
        ModelStore store = new ModelStore(dir);
        for (String version : new String[] {"v1", "v2", "v3"}) {
            store.save(metadata(version), RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS)
                    .model());
            store.load().newScorer("d").checkpoint();
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith(".")))
                    .containsExactlyInAnyOrder("model.json", "model.previous.json", "rcf-v3.json", "rcf-v2.json",
                            "rcf-v3.online-d.json", "rcf-v2.online-d.json");
        }
    }

    @Test
    void trainsFromTwentyEventsScoringTheSecondHalfAndRefusesFewer() {
        RandomCutForestModel.Fit fit = RandomCutForestModel.fit(ModelFixtures.randomInputs(20, 1), SETTINGS);

        for (int row = 0; row < 20; row++) {
            if (row < 10) {
                assertThat(fit.scores()[row]).as("warming up, row %d", row).isNaN();
            } else {
                assertThat(fit.scores()[row]).as("row %d", row).isPositive();
            }
        }
        assertThatThrownBy(() -> RandomCutForestModel.fit(ModelFixtures.randomInputs(19, 1), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 20");
    }

    @Test
    void aLongHistoryWarmsUpForOneSample() {
        assertThat(RandomCutForestModel.warmUp(600, 64)).isEqualTo(64);
        assertThat(RandomCutForestModel.warmUp(100, 64)).isEqualTo(50);
        assertThat(RandomCutForestModel.warmUp(20, 256)).isEqualTo(10);
    }

    private static ModelMetadata metadata(String version) {
        ModelMetadata autoencoder = ModelFixtures.metadata(version, 1.0);
        return new ModelMetadata(version, autoencoder.trainedAt(), autoencoder.spec(), "fixed",
                autoencoder.seasonality(), autoencoder.scaler(), autoencoder.ranges(), java.util.List.of(), 95, 1.0,
                autoencoder.training(), "pending", "pending", ModelFamily.RANDOM_CUT_FOREST, java.util.Map.of());
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
