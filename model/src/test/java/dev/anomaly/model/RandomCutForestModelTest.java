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
    void theScorerOfTheTrainedForestLearnsNothing() {
        RandomCutForestModel.Fit fit = RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS);
        BatchScorer scorer = fit.model().newScorer(ModelFixtures.layout(), 1.0);
        InputMatrix probe = ModelFixtures.randomInputs(300, 3);

        double[] first = scorer.errors(probe, 3);

        assertThat(scorer.errors(probe, 3)).containsExactly(first);
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
    void aNewVersionRemovesTheOldVersionsArtifactAndOnlineStateFilesButKeepsThePrevious() throws IOException {
        ModelStore store = new ModelStore(dir);
        for (String version : new String[] {"v1", "v2", "v3"}) {
            // Releases before the state topic kept a detector's learning in such a file.
            Files.writeString(dir.resolve("rcf-" + version + ".online-d.json"), "{}");
            store.save(metadata(version), RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS)
                    .model());
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
}
