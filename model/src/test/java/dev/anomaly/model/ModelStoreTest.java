package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSavedModelScoresExactlyAsTheOneInMemory() {
        MultiLayerNetwork network = ModelFixtures.trainedNetwork(1);
        InputMatrix inputs = ModelFixtures.randomInputs(50, 99);
        double[] before = new ReconstructionScorer(network, ModelFixtures.layout()).errors(inputs);
        ModelStore store = new ModelStore(dir);

        store.save(ModelFixtures.metadata("v1", 0.5), new AutoencoderModel(network));
        LoadedModel loaded = store.load();

        assertThat(loaded.newScorer().errors(inputs, ModelFixtures.SPEC.features().size())).containsExactly(before);
        assertThat(loaded.metadata().threshold()).isEqualTo(0.5);
        assertThat(loaded.metadata().layout()).isEqualTo(ModelFixtures.layout());
    }

    @Test
    void perHostBaselinesAreSavedWithTheModel() {
        ModelMetadata plain = ModelFixtures.metadata("v1", 0.5);
        FeatureBaseline fleet = new FeatureBaseline(new double[] {50, 40, 200}, new double[] {40, 30, 150},
                new double[] {60, 50, 260});
        FeatureBaseline database = new FeatureBaseline(new double[] {80, 70, 300}, new double[] {79, 69, 290},
                new double[] {81, 71, 310});
        HostBaselines baselines = new HostBaselines(0.002, fleet, java.util.Map.of("db-1", database),
                new Scaler(ScalerKind.STANDARD, new double[] {50, 40, 200}, new double[] {15, 15, 90}));
        ModelMetadata scaled = new ModelMetadata(plain.version(), plain.trainedAt(), plain.spec(),
                plain.seasonalityMode(), plain.seasonality(), plain.scaler(), plain.ranges(), plain.layers(),
                plain.percentile(), plain.threshold(), plain.training(), plain.artifactFile(), plain.artifactSha256(),
                plain.family(), plain.parameters(), baselines);
        ModelStore store = new ModelStore(dir);

        store.save(scaled, new AutoencoderModel(ModelFixtures.trainedNetwork(1)));
        HostBaselines loaded = store.load().metadata().hostBaselines();

        assertThat(loaded.step()).isEqualTo(0.002);
        assertThat(loaded.fleet()).isEqualTo(fleet);
        assertThat(loaded.hosts()).containsOnlyKeys("db-1").containsEntry("db-1", database);
        assertThat(loaded.raw()).isEqualTo(baselines.raw());
        assertThat(loaded.sameScale(baselines)).isTrue();
        // Broken records are told from anomalies by the raw figures, not by the scaler of per-host-scaled values.
        ModelMetadata reloaded = store.load().metadata();
        assertThat(reloaded.firstImplausible(new double[] {50 + 15 * 500, 40, 200})).isEqualTo(-1);
        assertThat(reloaded.firstImplausible(new double[] {50 + 15 * 2000, 40, 200})).isZero();
    }

    @Test
    void aNewModelReplacesTheCurrentOneAndKeepsItAsTheFallback() throws IOException {
        ModelStore store = new ModelStore(dir);
        store.save(ModelFixtures.metadata("v1", 0.5), new AutoencoderModel(ModelFixtures.trainedNetwork(1)));
        store.save(ModelFixtures.metadata("v2", 0.6), new AutoencoderModel(ModelFixtures.trainedNetwork(2)));

        store.save(ModelFixtures.metadata("v3", 0.7), new AutoencoderModel(ModelFixtures.trainedNetwork(3)));

        assertThat(store.load().version()).isEqualTo("v3");
        assertThat(store.loadPrevious().version()).isEqualTo("v2");
        assertThat(store.currentVersion()).contains("v3");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith(".")))
                    .containsExactlyInAnyOrder("model.json", "model.previous.json", "network-v3.zip",
                            "network-v2.zip");
        }
    }

    @Test
    void readersNeverSeeHalfAModelWhileTrainingsReplaceIt() throws Exception {
        ModelStore store = new ModelStore(dir);
        store.save(ModelFixtures.metadata("v0", 0.5), new AutoencoderModel(ModelFixtures.trainedNetwork(0)));
        List<MultiLayerNetwork> networks = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            networks.add(ModelFixtures.trainedNetwork(i));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    seen.add(store.load().version());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });

        reader.start();
        for (int i = 1; i <= 6; i++) {
            store.save(ModelFixtures.metadata("v" + i, 0.5 + i), new AutoencoderModel(networks.get(i - 1)));
        }
        writing.set(false);
        reader.join();

        assertThat(failures).isEmpty();
        assertThat(seen).isNotEmpty().allSatisfy(version -> assertThat(version).matches("v[0-6]"));
        assertThat(store.load().version()).isEqualTo("v6");
    }

    @Test
    void aCorruptModelJsonFailsNamingTheFile() throws IOException {
        ModelStore store = new ModelStore(dir);
        store.save(ModelFixtures.metadata("v1", 0.5), new AutoencoderModel(ModelFixtures.trainedNetwork(1)));
        Files.writeString(dir.resolve("model.json"), "{\"format\": 1, \"model\": \"autoenc");

        assertThatThrownBy(store::load)
                .isInstanceOf(ModelBundleException.class)
                .hasMessageStartingWith(dir.resolve("model.json") + ": not valid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingNetworkFileFailsNamingIt() throws IOException {
        ModelStore store = new ModelStore(dir);
        store.save(ModelFixtures.metadata("v1", 0.5), new AutoencoderModel(ModelFixtures.trainedNetwork(1)));
        Files.delete(dir.resolve("network-v1.zip"));

        assertThatThrownBy(store::load)
                .isInstanceOf(ModelBundleException.class)
                .hasMessage(dir.resolve("network-v1.zip") + ": no such file (named by " + dir.resolve("model.json")
                        + ")");
    }

    @Test
    void aReplacedNetworkFileFailsItsChecksum() throws IOException {
        ModelStore store = new ModelStore(dir);
        store.save(ModelFixtures.metadata("v1", 0.5), new AutoencoderModel(ModelFixtures.trainedNetwork(1)));
        Files.write(dir.resolve("network-v1.zip"), new byte[] {1, 2, 3});

        assertThatThrownBy(store::load).hasMessageContaining("network-v1.zip: checksum does not match");
    }

    @Test
    void aMissingBundleSaysHowToMakeOne() {
        assertThatThrownBy(() -> new ModelStore(dir.resolve("none")).load())
                .hasMessageContaining("model.json: no such file (train a model first");
    }

    @Test
    void aFieldWithTheWrongTypeIsNamed() throws IOException {
        ModelStore store = new ModelStore(dir);
        store.save(ModelFixtures.metadata("v1", 0.5), new AutoencoderModel(ModelFixtures.trainedNetwork(1)));
        String json = Files.readString(dir.resolve("model.json")).replaceFirst("\"threshold\" : [0-9.E-]+",
                "\"threshold\" : \"high\"");
        Files.writeString(dir.resolve("model.json"), json);

        assertThatThrownBy(store::load).hasMessage(dir.resolve("model.json") + ": field 'threshold' must be a "
                + "finite number");
    }

    @Test
    void aNetworkOfAnotherShapeIsRefused() throws IOException {
        ModelStore store = new ModelStore(dir);
        store.save(ModelFixtures.metadata("v1", 0.5), new AutoencoderModel(ModelFixtures.trainedNetwork(1)));
        String json = Files.readString(dir.resolve("model.json"))
                .replace("\"periods_seconds\" : [ 300.0 ]", "\"periods_seconds\" : [ 300.0, 600.0 ]")
                .replace("\"inputs\" : 5", "\"inputs\" : 7");
        Files.writeString(dir.resolve("model.json"), json);

        assertThatThrownBy(store::load).hasMessageContaining("the network takes 5 inputs");
    }
}
