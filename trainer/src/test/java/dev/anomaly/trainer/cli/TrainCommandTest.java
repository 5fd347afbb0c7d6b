package dev.anomaly.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.SyntheticMetrics;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void trainsFromACsvAndWritesTheBundleFields() throws IOException {
        Path csv = SyntheticMetrics.write(dir.resolve("g.csv"), 3000, 1, 1);

        Result result = train("--input", csv.toString(), "--model-dir", dir.resolve("m").toString(), "--seed", "1",
                "--epochs", "15");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode model = JSON.readTree(dir.resolve("m/model.json").toFile());
        assertThat(model.fieldNames()).toIterable().contains("version", "features", "window", "scaler", "layers",
                "percentile", "threshold", "trained_at", "samples", "epochs_run", "train_loss", "val_loss");
        assertThat(model.get("percentile").asDouble()).isEqualTo(95);
        assertThat(model.get("threshold").asDouble()).isPositive();
        assertThat(model.get("window").asInt()).isEqualTo(1);
        assertThat(model.get("excluded_labelled").asInt()).isEqualTo(600);
        assertThat(model.get("seasonality").get("periods_seconds")).extracting(JsonNode::asDouble)
                .containsExactly(300.0, 600.0);
        assertThat(result.out()).contains("Trained model", "threshold", dir.resolve("m/model.json").toString());
        assertThat(model.get("parameters").get("input_noise").asDouble()).isEqualTo(0.4);
        assertThat(model.get("layers")).extracting(JsonNode::asInt).containsExactly(32, 16, 9);
    }

    @Test
    void withoutInputNoiseTheBottleneckIsHalfTheInputsAndNoNoiseIsRecorded() throws IOException {
        Path csv = SyntheticMetrics.write(dir.resolve("g.csv"), 1000, 1, 1);

        JsonNode model = trained("m", "--input", csv.toString(), "--epochs", "2", "--input-noise", "0");

        assertThat(model.has("parameters")).isFalse();
        assertThat(model.get("layers")).extracting(JsonNode::asInt).containsExactly(32, 16, 5);
    }

    @Test
    void aSingleInputIsNeverGivenNoise() throws IOException {
        StringBuilder csv = new StringBuilder("value\n");
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            csv.append(String.format(Locale.ROOT, "%.3f%n", 50 + random.nextGaussian()));
        }
        Path file = Files.writeString(dir.resolve("one.csv"), csv);

        JsonNode model = trained("one", "--input", file.toString(), "--features", "value", "--epochs", "2",
                "--seasonality", "none");

        assertThat(model.get("inputs").asInt()).isEqualTo(1);
        assertThat(model.has("parameters")).as("nothing to predict one input from").isFalse();
    }

    @Test
    void theSameSeedGivesTheSameThreshold() throws IOException {
        Path csv = SyntheticMetrics.write(dir.resolve("g.csv"), 2000, 2, 4);

        train("--input", csv.toString(), "--model-dir", dir.resolve("a").toString(), "--seed", "7", "--epochs", "10");
        train("--input", csv.toString(), "--model-dir", dir.resolve("b").toString(), "--seed", "7", "--epochs", "10");

        assertThat(JSON.readTree(dir.resolve("a/model.json").toFile()).get("threshold").asDouble())
                .isEqualTo(JSON.readTree(dir.resolve("b/model.json").toFile()).get("threshold").asDouble());
    }

    @Test
    void trainsAWindowedUnivariateModel() throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        Random random = new Random(2);
        for (int i = 0; i < 1500; i++) {
            csv.append(String.format(Locale.ROOT, "2026-02-01 00:%02d:%02d,%.3f%n", i / 60 % 60, i % 60,
                    Math.sin(i / 10.0) + 0.1 * random.nextGaussian()));
        }
        Path file = Files.writeString(dir.resolve("univariate.csv"), csv);

        Result result = train("--input", file.toString(), "--features", "value", "--window", "10", "--model-dir",
                dir.resolve("w").toString(), "--epochs", "5", "--seasonality", "none");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode model = JSON.readTree(dir.resolve("w/model.json").toFile());
        assertThat(model.get("window").asInt()).isEqualTo(10);
        assertThat(model.get("features")).extracting(JsonNode::asText).containsExactly("value");
        assertThat(model.get("inputs").asInt()).isEqualTo(10);
    }

    @Test
    void plotsTheLossCurvesAndTheErrorHistogram() throws IOException {
        Path csv = SyntheticMetrics.write(dir.resolve("g.csv"), 1000, 1, 1);

        Result result = train("--input", csv.toString(), "--model-dir", dir.resolve("m").toString(), "--epochs", "5",
                "--plot", dir.resolve("out").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Path> charts = new ArrayList<>();
        try (var files = Files.list(dir.resolve("out"))) {
            files.forEach(charts::add);
        }
        assertThat(charts).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("loss.png", "errors.png");
        for (Path chart : charts) {
            assertThat(ImageIO.read(chart.toFile()).getWidth()).isEqualTo(800);
        }
    }

    @Test
    void aBadRowStopsTrainingWithItsLineNumber() throws IOException {
        String csv = SyntheticMetrics.csv(200, 1, 1).replaceFirst("(?m)^(2026-01-01T00:00:10Z,web-1,)[0-9.]+",
                "$1oops");
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);

        Result result = train("--input", file.toString(), "--model-dir", dir.resolve("m").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("train: " + file + " line 4: cpu_usage is not a number ('oops') "
                + "(--skip-bad-rows leaves such rows out)");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void badRowsCanBeSkippedAndAreReported() throws IOException {
        String csv = SyntheticMetrics.csv(300, 1, 1).replaceFirst("(?m)^(2026-01-01T00:00:10Z,web-1,)[0-9.]+,", "$1,");
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);

        Result result = train("--input", file.toString(), "--model-dir", dir.resolve("m").toString(),
                "--skip-bad-rows", "--epochs", "3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("skipped " + file + " line 4: cpu_usage is missing");
    }

    @Test
    void aMissingFeatureColumnNamesTheColumns() throws IOException {
        Path file = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");

        Result result = train("--input", file.toString(), "--model-dir", dir.resolve("m").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no column 'cpu_usage' (columns: a,b)");
    }

    @Test
    void tooFewRowsIsExitCodeThree() throws IOException {
        Path csv = SyntheticMetrics.write(dir.resolve("tiny.csv"), 10, 1, 1);

        Result result = train("--input", csv.toString(), "--model-dir", dir.resolve("m").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("only 10 complete normal events");
    }

    @Test
    void quietPrintsNothingOnSuccess() throws IOException {
        Path csv = SyntheticMetrics.write(dir.resolve("g.csv"), 500, 1, 1);

        Result result = train("--input", csv.toString(), "--model-dir", dir.resolve("m").toString(), "--epochs", "2",
                "--quiet");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void trainsEachForestFamilyIntoABundleThatNamesIt() throws IOException {
        Path csv = SyntheticMetrics.write(dir.resolve("g.csv"), 3000, 1, 1);

        for (String family : List.of("isolation-forest", "random-cut-forest")) {
            Path models = dir.resolve(family);
            Result result = train("--input", csv.toString(), "--model", family, "--model-dir", models.toString(),
                    "--seed", "1");

            assertThat(result.exitCode()).as(result.err()).isZero();
            JsonNode model = JSON.readTree(models.resolve("model.json").toFile());
            assertThat(model.get("model").asText()).isEqualTo(family);
            assertThat(model.get("threshold").asDouble()).isPositive();
            assertThat(model.get("parameters").get("sample_size").asInt()).isEqualTo(256);
            assertThat(models.resolve(model.get("artifact").asText())).isNotEmptyFile();
            assertThat(model.get("validation_false_alarm_rate").asDouble()).isBetween(0.0, 0.2);
        }
        assertThat(JSON.readTree(dir.resolve("isolation-forest/model.json").toFile()).get("parameters")
                .get("trees").asInt()).isEqualTo(100);
        assertThat(JSON.readTree(dir.resolve("random-cut-forest/model.json").toFile()).get("parameters")
                .get("trees").asInt()).isEqualTo(50);
    }

    @Test
    void withABaselineStepEachTrainingHostsBaselineIsSaved() throws IOException {
        Path csv = SyntheticMetrics.write(dir.resolve("g.csv"), 3000, 3, 1);
        Path models = dir.resolve("scaled");

        Result result = train("--input", csv.toString(), "--model", "isolation-forest", "--model-dir",
                models.toString(), "--seed", "1", "--baseline-step", "0.002");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode baselines = JSON.readTree(models.resolve("model.json").toFile()).get("host_baselines");
        assertThat(baselines.get("step").asDouble()).isEqualTo(0.002);
        assertThat(baselines.get("fleet").get("median")).hasSize(5);
        assertThat(baselines.get("hosts").size()).isEqualTo(3);
        baselines.get("hosts").forEach(host -> assertThat(host.get("lower_quartile")).hasSize(5));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(train("--model", "svm").err()).contains("unknown model 'svm'", "random-cut-forest");
        assertThat(train("--model", "random-cut-forest", "--time-decay", "1.5").err())
                .contains("time decay must be in [0, 1)");
        assertThat(train("--model", "isolation-forest", "--trees", "0").exitCode()).isEqualTo(2);
        assertThat(train("--window", "0").exitCode()).isEqualTo(2);
        assertThat(train("--scaler", "robust").err()).contains("unknown scaler 'robust'");
        assertThat(train("--seasonality", "sometimes").err()).contains("is not a duration");
        assertThat(train("--from", "middle").err()).contains("--from must be earliest or latest");
        assertThat(train("--batch-size", "-3").err()).contains("--batch-size must be a positive number or auto");
        assertThat(train("--percentile", "100").err()).contains("percentile must be between 0 and 100");
        assertThat(train("--features", "cpu_usage,label").err()).contains("'label' is ground truth");
        assertThat(train("--baseline-step", "1").err()).contains("the baseline step must be at least 0 and below 1");
        assertThat(train("--input-noise", "-1").err()).contains("--input-noise must be 0..10, got -1");
        assertThat(train("--input-noise", "NaN").exitCode()).isEqualTo(2);
        assertThat(train("--input-noise", "11").err()).contains("--input-noise must be 0..10");
    }

    @Test
    void helpExplainsTheOptionsAndExitCodes() {
        String help = train("--help").out().replaceAll("\\s+", " ");

        assertThat(help).contains("--samples", "default: 5000", "--from", "--timeout", "default: 10m",
                "--window", "--seasonality", "default: auto", "--layers", "--percentile", "default: 95", "--plot",
                "--input-noise", "default: 0.4",
                "3 not enough samples");
    }

    /** Trains into {@code dir/name} (which must succeed) and returns its model.json. */
    private JsonNode trained(String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--model-dir", dir.resolve(name).toString()));
        Result result = train(all.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(dir.resolve(name).resolve("model.json").toFile());
    }

    private static Result train(String... args) {
        return CliDriver.run(new TrainCommand(), args);
    }
}
