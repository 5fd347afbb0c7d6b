package dev.anomaly.detector.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.common.event.Anomaly;
import dev.anomaly.common.event.AnomalyJson;
import dev.anomaly.common.event.FeatureValue;
import dev.anomaly.common.event.ScoredEventJson;
import dev.anomaly.common.event.TypicalRange;
import dev.anomaly.common.event.WireNumbers;
import dev.anomaly.detector.rules.BoundRules;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelStore;
import dev.anomaly.testkit.SyntheticMetrics;
import dev.anomaly.testkit.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoredEventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "{\"timestamp\":\"2026-01-01T00:02:00Z\",\"host\":\"web-1\",\"cpu_usage\":99.0,"
            + "\"memory_usage\":45.0,\"response_time_ms\":130.0,\"disk_io_mb\":50.0,\"network_io_mb\":100.0,"
            + "\"label\":\"cpu_spike\",\"episode\":\"web-1-e0\"}";
    private static LoadedModel model;

    @BeforeAll
    static void trainModel(@TempDir Path dir) {
        TestModels.trainAndSave(dir, "v-json", 2, 1);
        model = new ModelStore(dir).load();
    }

    @Test
    void appendsTheScoresToTheOriginalEventByteForByte() throws IOException {
        DetectionBatch batch = scoredSpike();

        byte[] json = writer().write(bytes(EVENT), batch, 0, "2026-11-22T10:00:00Z");

        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).startsWith(EVENT.substring(0, EVENT.length() - 1) + ",\"error\":");
        JsonNode node = JSON.readTree(json);
        assertThat(node.get("label").asText()).isEqualTo("cpu_spike");
        assertThat(node.get("error").asDouble()).isCloseTo(batch.error(0), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(node.get("threshold").asDouble()).isPositive();
        assertThat(node.get("confidence").asDouble())
                .isCloseTo(batch.error(0) / model.threshold(), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(node.get("severity").asText()).isIn("HIGH", "MEDIUM");
        assertThat(node.get("is_anomaly").asBoolean()).isTrue();
        assertThat(node.get("model_version").asText()).isEqualTo("v-json");
        assertThat(node.get("detected_at").asText()).isEqualTo("2026-11-22T10:00:00Z");
    }

    @Test
    void aLikelihoodKeepsTheNinesItsThresholdNeeds() {
        assertThat(WireNumbers.likelihood(0.99999912)).isEqualTo("0.99999912");
        assertThat(WireNumbers.likelihood(0.9999999999876)).isEqualTo("0.9999999999876");
        assertThat(WireNumbers.likelihood(0.5)).isEqualTo("0.5");
        assertThat(WireNumbers.likelihood(0.123456)).isEqualTo("0.123");
        assertThat(WireNumbers.likelihood(1)).isEqualTo("1.0");
        assertThat(WireNumbers.likelihood(Double.NaN)).isEqualTo("null");
    }

    @Test
    void listsEveryFeatureByDescendingShareOfTheError() throws IOException {
        JsonNode contributions = JSON.readTree(writer()
                .write(bytes(EVENT), scoredSpike(), 0, "t")).get("contributions");

        List<Double> shares = new ArrayList<>();
        contributions.forEach(item -> shares.add(item.get("share").asDouble()));
        assertThat(contributions).hasSize(5);
        assertThat(contributions.get(0).get("feature").asText()).isEqualTo("cpu_usage");
        assertThat(shares).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(shares.stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void saysWhatTheAutoencoderExpectedOfEachFeatureInItsUnit() throws IOException {
        JsonNode expected = JSON.readTree(writer()
                .write(bytes(EVENT), scoredSpike(), 0, "t")).get("expected");

        assertThat(expected.size()).isEqualTo(5);
        // cpu was 99: the network, which learnt a cpu of 25 ± 15, expects far less of it.
        assertThat(expected.get("cpu_usage").asDouble()).isBetween(0.0, 80.0);
        assertThat(expected.get("network_io_mb").asDouble()).isBetween(20.0, 180.0);
    }

    @Test
    void givesTheHostsTypicalRangeOfEachFeatureItHasOne() throws IOException {
        DetectionBatch batch = scoredSpike();
        batch.perFeature().typical(0, 0, 18, 44.5);
        batch.perFeature().typical(0, 3, 0, 0);

        JsonNode typical = JSON.readTree(writer()
                .write(bytes(EVENT), batch, 0, "t")).get("typical");

        assertThat(typical.toString()).isEqualTo("{\"cpu_usage\":[18.0,44.5],\"disk_io_mb\":[0.0,0.0]}");
        assertThat(JSON.readTree(writer().write(bytes(EVENT), scoredSpike(), 0, "t"))
                .has("typical")).as("a detector that keeps no state knows no typical range").isFalse();
    }

    @Test
    void anAnomalyTheRulesDoNotLetStandIsANormalEventThatSaysWhy() throws IOException {
        DetectionBatch spike = scoredSpike();
        BoundRules.bind(AlertRules.parse(List.of("cpu_usage=below"), List.of()),
                model.metadata().spec().features()).apply(spike);
        DetectionBatch counted = scoredSpike();
        BoundRules.bind(AlertRules.parse(List.of("cpu_usage=above"), List.of()),
                model.metadata().spec().features()).apply(counted);

        JsonNode suppressed = JSON.readTree(writer().write(bytes(EVENT), spike, 0, "t"));
        JsonNode standing = JSON.readTree(writer().write(bytes(EVENT), counted, 0, "t"));

        assertThat(suppressed.get("is_anomaly").asBoolean()).isFalse();
        assertThat(suppressed.get("severity").asText()).isEqualTo("NORMAL");
        assertThat(suppressed.get("suppressed_by").toString()).isEqualTo("[\"direction\"]");
        assertThat(standing.get("is_anomaly").asBoolean()).isTrue();
        assertThat(standing.has("suppressed_by")).isFalse();
        assertThat(standing.has("anomalous_since")).as("only with --for").isFalse();
    }

    @Test
    void anAnomalyThatStoodAfterForSaysSinceWhenItsHostWasAnomalous() throws IOException {
        DetectionBatch spike = scoredSpike();
        spike.anomalousSince(0, java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        JsonNode standing = JSON.readTree(writer().write(bytes(EVENT), spike, 0, "t"));
        JsonNode canonical = JSON.readTree(writer().canonical(spike, 0, "t"));

        assertThat(standing.get("anomalous_since").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(canonical.get("anomalous_since").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void anEventThatAlreadyHasAnOutputFieldGetsItReplacedNotDuplicated() throws IOException {
        String event = EVENT.replace("\"label\"", "\"error\":\"disk failure\",\"label\"");

        DetectionBatch batch = scoredSpike();
        batch.describe(0, DetectionBatch.HAS_OUTPUT_FIELD | DetectionBatch.HAS_HOST_FIELD
                | DetectionBatch.HAS_TIME_FIELD, "cpu_spike", "web-1-e0");

        byte[] json = writer().write(bytes(event), batch, 0, "t");

        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text.indexOf("\"error\"")).isEqualTo(text.lastIndexOf("\"error\""));
        assertThat(JSON.readTree(json).get("error").isNumber()).isTrue();
    }

    @Test
    void theReaderInCommonReadsBackWhatTheDetectorWrites() {
        DetectionBatch batch = scoredSpike();
        batch.perFeature().typical(0, 0, 18, 44.5);
        batch.anomalousSince(0, SyntheticMetrics.START.toEpochMilli());
        Writer writer = writer();

        for (byte[] json : List.of(writer.write(bytes(EVENT), batch, 0, "t"), writer.canonical(batch, 0, "t"))) {
            Anomaly read = AnomalyJson.parse(json);

            assertThat(read.host()).isEqualTo("web-1");
            assertThat(read.timestamp()).isEqualTo(SyntheticMetrics.START.plusSeconds(120));
            assertThat(read.anomalousSince()).isEqualTo(SyntheticMetrics.START);
            assertThat(read.severity()).isEqualTo(batch.severity(0));
            assertThat(read.error()).isCloseTo(batch.error(0), within(1e-4 * batch.error(0)));
            assertThat(read.confidence()).isCloseTo(batch.confidence(0), within(1e-3 * batch.confidence(0)));
            assertThat(read.modelVersion()).isEqualTo("v-json");
            assertThat(read.features()).extracting(FeatureValue::feature)
                    .containsExactlyInAnyOrderElementsOf(model.metadata().spec().features());
            FeatureValue cpu = read.features().get(0);
            assertThat(cpu.feature()).isEqualTo("cpu_usage");
            assertThat(cpu.share()).isCloseTo(batch.perFeature().share(0, 0), within(1e-3));
            assertThat(cpu.expected().getAsDouble()).isCloseTo(batch.perFeature().expected(0, 0), within(0.01));
            assertThat(cpu.typical()).contains(new TypicalRange(18, 44.5));
        }
    }

    @Test
    void anEventNotScoredYetSaysSo() throws IOException {
        DetectionBatch batch = new DetectionBatch(5);
        batch.reset(1);
        batch.addValid("web-1", 0, 0);
        batch.describe(0, DetectionBatch.HAS_HOST_FIELD | DetectionBatch.HAS_TIME_FIELD, "cpu_spike", "web-1-e0");
        batch.warmingUp(0);

        JsonNode node = JSON.readTree(writer().write(bytes(EVENT), batch, 0, "t"));

        assertThat(node.get("error").isNull()).isTrue();
        assertThat(node.get("severity").asText()).isEqualTo("UNSCORED");
        assertThat(node.get("is_anomaly").asBoolean()).isFalse();
    }

    private static DetectionBatch scoredSpike() {
        DetectionBatch batch = new DetectionBatch(5);
        batch.reset(1);
        double[] values = SyntheticMetrics.normalValues(SyntheticMetrics.START.getEpochSecond() + 120, new Random(3));
        values[0] = 99;
        int slot = batch.addValid("web-1", 0, SyntheticMetrics.START.plusSeconds(120).toEpochMilli());
        System.arraycopy(values, 0, batch.values(slot), 0, 5);
        batch.describe(slot, DetectionBatch.HAS_HOST_FIELD | DetectionBatch.HAS_TIME_FIELD, "cpu_spike", "web-1-e0");
        new Detector(model).score(batch);
        assertThat(batch.outcome(0)).isEqualTo(Outcome.ANOMALY);
        return batch;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Writer writer() {
        return new Writer(new ScoredEventJson(model.metadata().spec().features(), model.metadata().threshold(),
                model.metadata().version()));
    }

    /** The writer in common, fed with the detector's batch. */
    private record Writer(ScoredEventJson json) {
        byte[] write(byte[] original, DetectionBatch batch, int slot, String detectedAt) {
            return json.write(original, batch.asScoredSlots(), slot, detectedAt);
        }

        byte[] canonical(DetectionBatch batch, int slot, String detectedAt) {
            return json.canonical(batch.asScoredSlots(), slot, detectedAt);
        }
    }
}
