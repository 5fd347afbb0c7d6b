package dev.anomaly.detector.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelStore;
import dev.anomaly.testkit.SyntheticMetrics;
import dev.anomaly.testkit.TestModels;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorTest {
    private static final long T0 = SyntheticMetrics.START.getEpochSecond();
    private static LoadedModel single;
    private static LoadedModel windowed;

    @BeforeAll
    static void trainModels(@TempDir Path dir) {
        TestModels.trainAndSave(dir.resolve("w1"), "w1", 1, 1);
        TestModels.trainAndSave(dir.resolve("w3"), "w3", 1, 3);
        single = new ModelStore(dir.resolve("w1")).load();
        windowed = new ModelStore(dir.resolve("w3")).load();
    }

    @Test
    void flagsASpikeAndPassesNormalEvents() {
        DetectionBatch batch = new DetectionBatch(5);
        batch.reset(2);
        double[] normal = SyntheticMetrics.normalValues(T0 + 50, new Random(1));
        double[] spike = normal.clone();
        spike[0] = 99;
        add(batch, "web-1", 0, T0 + 50, normal);
        add(batch, "web-2", 0, T0 + 50, spike);

        new Detector(single).score(batch);

        assertThat(batch.outcome(0)).isEqualTo(Outcome.NORMAL);
        assertThat(batch.outcome(1)).isEqualTo(Outcome.ANOMALY);
        assertThat(batch.error(1)).isGreaterThan(single.threshold());
        assertThat(batch.perFeature().share(1, 0)).as("cpu's share of the spike's error").isGreaterThan(0.5f);
    }

    @Test
    void rejectsValuesNoRealHostHas() {
        DetectionBatch batch = new DetectionBatch(5);
        batch.reset(2);
        double[] negative = SyntheticMetrics.normalValues(T0, new Random(2));
        negative[1] = -3;
        double[] absurd = SyntheticMetrics.normalValues(T0, new Random(3));
        absurd[2] = 1e12;
        add(batch, "web-1", 0, T0, negative);
        add(batch, "web-1", 0, T0, absurd);

        new Detector(single).score(batch);

        assertThat(batch.outcome(0)).isEqualTo(Outcome.REJECTED);
        assertThat(batch.reason(0)).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(batch.detail(0)).isEqualTo("memory_usage=-3.0");
        assertThat(batch.detail(1)).startsWith("response_time_ms=");
    }

    @Test
    void eachHostWaitsForAFullWindowPerPartition() {
        Detector detector = new Detector(windowed);
        DetectionBatch batch = new DetectionBatch(5);
        Random random = new Random(4);
        batch.reset(5);
        for (int i = 0; i < 3; i++) {
            add(batch, "web-1", 0, T0 + 5 * i, SyntheticMetrics.normalValues(T0 + 5 * i, random));
        }
        add(batch, "web-2", 0, T0, SyntheticMetrics.normalValues(T0, random));
        add(batch, "web-1", 1, T0, SyntheticMetrics.normalValues(T0, random));

        detector.score(batch);

        assertThat(batch.outcome(0)).isEqualTo(Outcome.WARMING_UP);
        assertThat(batch.outcome(1)).isEqualTo(Outcome.WARMING_UP);
        assertThat(batch.outcome(2)).isIn(Outcome.NORMAL, Outcome.ANOMALY);
        assertThat(batch.outcome(3)).isEqualTo(Outcome.WARMING_UP);
        assertThat(batch.outcome(4)).as("same host, other partition").isEqualTo(Outcome.WARMING_UP);
    }

    @Test
    void aRevokedPartitionLosesItsWindowsAndOnlyItsWindows() {
        Detector detector = new Detector(windowed);
        DetectionBatch batch = new DetectionBatch(5);
        Random random = new Random(5);
        batch.reset(6);
        for (int i = 0; i < 3; i++) {
            add(batch, "web-1", 0, T0 + 5 * i, SyntheticMetrics.normalValues(T0 + 5 * i, random));
            add(batch, "web-1", 1, T0 + 5 * i, SyntheticMetrics.normalValues(T0 + 5 * i, random));
        }
        detector.score(batch);

        detector.windows().drop(0);
        batch.reset(2);
        add(batch, "web-1", 0, T0 + 15, SyntheticMetrics.normalValues(T0 + 15, random));
        add(batch, "web-1", 1, T0 + 15, SyntheticMetrics.normalValues(T0 + 15, random));
        detector.score(batch);

        assertThat(batch.outcome(0)).isEqualTo(Outcome.WARMING_UP);
        assertThat(batch.outcome(1)).isNotEqualTo(Outcome.WARMING_UP);
    }

    @Test
    void aNewModelWithTheSameFeaturesKeepsTheWindows() {
        Detector first = new Detector(windowed);
        DetectionBatch batch = new DetectionBatch(5);
        Random random = new Random(6);
        batch.reset(2);
        add(batch, "web-1", 0, T0, SyntheticMetrics.normalValues(T0, random));
        add(batch, "web-1", 0, T0 + 5, SyntheticMetrics.normalValues(T0 + 5, random));
        first.score(batch);

        Detector second = new Detector(windowed, first.windows(), null);
        batch.reset(1);
        add(batch, "web-1", 0, T0 + 10, SyntheticMetrics.normalValues(T0 + 10, random));
        second.score(batch);

        assertThat(batch.outcome(0)).isNotEqualTo(Outcome.WARMING_UP);
    }

    private static void add(DetectionBatch batch, String key, int partition, long epochSeconds, double[] values) {
        int slot = batch.addValid(key, partition, epochSeconds * 1000);
        System.arraycopy(values, 0, batch.values(slot), 0, values.length);
    }
}
