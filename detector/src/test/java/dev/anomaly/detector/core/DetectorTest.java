package dev.anomaly.detector.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.RejectReason;
import dev.anomaly.detector.state.HostWindows;
import dev.anomaly.detector.state.LikelihoodSettings;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelStore;
import dev.anomaly.model.OnlineLearning;
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

    @Test
    void aLearningDetectorGivesTheSameOutcomesHoweverTheStreamIsBatched() {
        double[][] few = likelihoodRun(learning(), new int[] {5, 1, 17});
        double[][] many = likelihoodRun(learning(), new int[] {1000});
        double[][] trained = likelihoodRun(null, new int[] {1000});

        assertThat(few[0]).containsExactly(many[0]);
        assertThat(few[1]).containsExactly(many[1]);
        assertThat(few[2]).containsExactly(many[2]);
        assertThat(java.util.Arrays.stream(many[2]).sum()).as("events flagged").isPositive();
        assertThat(many[0]).as("learning changes the errors").isNotEqualTo(trained[0]);
    }

    @Test
    void aLearnerRestoredFromItsSavedStateContinuesAsIfNothingHappened() {
        // Window 1 without likelihood: an event's error depends on the event and the weights only.
        Detector original = learningDetector();
        Random random = new Random(8);
        int split = 301;
        double[][] values = new double[600][];
        for (int i = 0; i < values.length; i++) {
            values[i] = SyntheticMetrics.normalValues(T0 + 5 * (i / 3), random);
        }
        score(original, values, 0, split);
        java.util.Map<Integer, byte[]> progresses = new java.util.HashMap<>();
        java.util.Map<Integer, java.util.Map<Integer, byte[]>> parts = new java.util.HashMap<>();
        for (int partition : new int[] {0, 1, 2}) {
            original.saveLearner(partition, (progress, changed) -> {
                progresses.put(partition, progress);
                java.util.Map<Integer, byte[]> slots = parts.computeIfAbsent(partition, p -> new java.util.HashMap<>());
                changed.forEach(part -> slots.put(part.slot(), part.value()));
            });
        }
        Detector restarted = learningDetector();
        progresses.forEach((partition, progress) -> restarted.restoreLearner(partition, progress,
                parts.get(partition)::get));

        double[] expected = score(original, values, split, values.length);

        assertThat(progresses.get(2)).as("partition 2 has no learner, so no progress").isNull();
        assertThat(parts.get(0)).as("the weights").isNotEmpty();
        assertThat(score(restarted, values, split, values.length)).containsExactly(expected);
        assertThat(score(learningDetector(), values, split, values.length)).as("without the saved state")
                .isNotEqualTo(expected);
    }

    private static double[] score(Detector detector, double[][] values, int from, int to) {
        DetectionBatch batch = new DetectionBatch(5);
        batch.reset(to - from);
        for (int i = from; i < to; i++) {
            add(batch, "web-" + i % 3, i % 2, T0 + 5 * (i / 3), values[i]);
        }
        detector.score(batch);
        double[] errors = new double[to - from];
        for (int slot = 0; slot < errors.length; slot++) {
            errors[slot] = batch.error(slot);
        }
        return errors;
    }

    /**
     * Errors, likelihoods and flags (1: anomaly) of 900 events of 4 hosts on 2 partitions, scored in batches of
     * the sizes given.
     */
    private static double[][] likelihoodRun(OnlineLearning learning, int[] sizes) {
        Detector detector = new Detector(single, new HostWindows(single.metadata().spec(),
                HostWindows.DEFAULT_IDLE_TIMEOUT, LikelihoodSettings.of(LikelihoodSettings.DEFAULT_THRESHOLD,
                        LikelihoodSettings.DEFAULT_SHORT_WINDOW)), learning);
        Random random = new Random(7);
        int events = 900;
        double[] errors = new double[events];
        double[] likelihoods = new double[events];
        double[] flags = new double[events];
        DetectionBatch batch = new DetectionBatch(5);
        int done = 0;
        for (int call = 0; done < events; call++) {
            int count = Math.min(sizes[call % sizes.length], events - done);
            batch.reset(count);
            for (int i = done; i < done + count; i++) {
                double[] values = SyntheticMetrics.normalValues(T0 + 5 * (i / 4), random);
                if (i % 97 == 0) {
                    values[0] = 95;
                }
                add(batch, "web-" + i % 4, i % 4 < 2 ? 0 : 1, T0 + 5 * (i / 4), values);
            }
            detector.score(batch);
            for (int slot = 0; slot < count; slot++) {
                errors[done + slot] = batch.error(slot);
                likelihoods[done + slot] = batch.likelihood(slot);
                flags[done + slot] = batch.outcome(slot) == Outcome.ANOMALY ? 1 : 0;
            }
            done += count;
        }
        return new double[][] {errors, likelihoods, flags};
    }

    private static OnlineLearning learning() {
        // A high rate, so that 900 events move the weights visibly.
        return new OnlineLearning(0.01, 1);
    }

    private static Detector learningDetector() {
        return new Detector(single, new HostWindows(single.metadata().spec(), HostWindows.DEFAULT_IDLE_TIMEOUT),
                learning());
    }

    private static void add(DetectionBatch batch, String key, int partition, long epochSeconds, double[] values) {
        int slot = batch.addValid(key, partition, epochSeconds * 1000);
        System.arraycopy(values, 0, batch.values(slot), 0, values.length);
    }
}
