package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.model.rcf.RandomCutForestSettings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForestLearnerTest {
    private static final RandomCutForestSettings SETTINGS = new RandomCutForestSettings(30, 64, 1.0 / 640, 7);
    private static final RandomCutForestModel MODEL =
            RandomCutForestModel.fit(ModelFixtures.randomInputs(600, 1), SETTINGS).model();
    /** Small, so that a few thousand events cross several snapshots, each in several parts. */
    private static final int SNAPSHOT_EVERY = 500;
    private static final int PART_BYTES = 8 * 1024;

    @Test
    void scoresDoNotDependOnHowTheStreamIsCut() {
        InputMatrix stream = ModelFixtures.randomInputs(1800, 2);

        double[] inSevens = errors(learner(), stream, 7);
        double[] inOneCall = errors(learner(), stream, stream.rows());

        assertThat(inSevens).containsExactly(inOneCall);
        assertThat(inSevens[1799]).isPositive();
    }

    @Test
    void aLearnerRestoredFromWhatItSavedScoresExactlyAsTheOriginalGoesOn() {
        InputMatrix stream = ModelFixtures.randomInputs(2300, 3);
        InputMatrix rest = ModelFixtures.randomInputs(900, 4);
        for (int stop : new int[] {0, 320, 500, 1730, 2300}) {
            ForestLearner original = learner();
            Map<Integer, byte[]> changelog = new HashMap<>();
            byte[] progress = null;
            // Saved after every batch of 37 (a batch's edge is never a snapshot's).
            for (int from = 0; from < stop; from += 37) {
                int rows = Math.min(37, stop - from);
                original.score(slice(stream, from, rows), new BatchScores(3));
                progress = save(original, changelog);
            }
            ForestLearner restored = learner();
            if (progress != null) {
                assertThat(restored.restore(progress, changelog::get)).as("restore after %d events", stop).isTrue();
            }
            assertThat(restored.snapshots()).isEqualTo(stop / SNAPSHOT_EVERY);

            assertThat(errors(restored, rest, 50)).as("after %d events", stop)
                    .containsExactly(errors(original, rest, 11));
        }
    }

    @Test
    void theChangelogKeepsOnlyTheLatestSnapshotAndItsJournal() {
        ForestLearner learner = learner();
        Map<Integer, byte[]> changelog = new HashMap<>();
        InputMatrix stream = ModelFixtures.randomInputs(1400, 5);
        for (int from = 0; from < stream.rows(); from += 100) {
            learner.score(slice(stream, from, 100), new BatchScores(3));
            save(learner, changelog);
        }

        long snapshotParts = changelog.keySet().stream().filter(slot -> slot < ForestLearner.JOURNAL_SLOTS).count();
        long journalParts = changelog.keySet().stream().filter(slot -> slot >= ForestLearner.JOURNAL_SLOTS).count();
        assertThat(learner.snapshots()).isEqualTo(2);
        assertThat(snapshotParts).as("a snapshot of several parts").isGreaterThan(1);
        assertThat(changelog.keySet()).containsAll(java.util.stream.IntStream.range(0, (int) snapshotParts).boxed()
                .toList());
        assertThat(journalParts).as("the 400 events since the snapshot at 1,000, in 4 batches").isEqualTo(4);
    }

    @Test
    void stateOfAnotherModelOrWithAPartMissingOrDamagedIsRefused() {
        ForestLearner learner = learner();
        Map<Integer, byte[]> changelog = new HashMap<>();
        byte[] progress = null;
        InputMatrix stream = ModelFixtures.randomInputs(700, 6);
        for (int from = 0; from < stream.rows(); from += 100) {
            learner.score(slice(stream, from, 100), new BatchScores(3));
            progress = save(learner, changelog);
        }
        byte[] saved = progress;

        ForestLearner other = new ForestLearner(MODEL.template(), 43, ModelFixtures.layout(), 1.0, SNAPSHOT_EVERY, 0,
                PART_BYTES);
        assertThat(other.restore(saved, changelog::get)).as("another model's").isFalse();
        assertThat(learner().restore(Arrays.copyOf(saved, saved.length - 1), changelog::get)).isFalse();
        assertThat(learner().restore(saved, slot -> slot == ForestLearner.JOURNAL_SLOTS ? null : changelog.get(slot)))
                .as("a journal part missing").isFalse();
        assertThat(learner().restore(saved, slot -> slot == 1 ? damaged(changelog.get(slot)) : changelog.get(slot)))
                .as("a snapshot part damaged").isFalse();
        assertThat(learner().restore(saved, slot -> slot == ForestLearner.JOURNAL_SLOTS + 1
                ? damaged(changelog.get(slot)) : changelog.get(slot))).as("a journal part damaged").isFalse();
        assertThat(learner().restore(saved, changelog::get)).isTrue();
    }

    @Test
    void aSaveThatWasNotWrittenIsMadeWholeByTheNext() {
        ForestLearner original = learner();
        Map<Integer, byte[]> changelog = new HashMap<>();
        InputMatrix stream = ModelFixtures.randomInputs(1300, 7);
        byte[] progress = null;
        for (int from = 0; from < stream.rows(); from += 100) {
            original.score(slice(stream, from, 100), new BatchScores(3));
            if (from == 500 || from == 1200) {
                // Too large for the changelog: these parts never reach it.
                original.save((slot, value) -> { });
                original.unsaved();
            } else {
                progress = save(original, changelog);
            }
        }
        progress = save(original, changelog);
        ForestLearner restored = learner();

        assertThat(restored.restore(progress, changelog::get)).isTrue();
        InputMatrix rest = ModelFixtures.randomInputs(300, 8);
        assertThat(errors(restored, rest, 300)).containsExactly(errors(original, rest, 300));
    }

    @Test
    void aRowThatIsNotFiniteIsNeitherScoredNorLearnt() {
        InputMatrix stream = ModelFixtures.randomInputs(300, 9);
        InputMatrix poisoned = ModelFixtures.randomInputs(301, 9);
        int columns = stream.columns();
        System.arraycopy(stream.values(), 0, poisoned.values(), 0, 150 * columns);
        Arrays.fill(poisoned.values(), 150 * columns, 151 * columns, Float.NaN);
        System.arraycopy(stream.values(), 150 * columns, poisoned.values(), 151 * columns, 150 * columns);
        poisoned.values()[151 * columns - 1] = Float.POSITIVE_INFINITY;

        double[] clean = errors(learner(), stream, 300);
        double[] withNaN = errors(learner(), poisoned, 301);

        assertThat(withNaN[150]).isNaN();
        assertThat(Arrays.copyOfRange(withNaN, 151, 301)).containsExactly(Arrays.copyOfRange(clean, 150, 300));
    }

    @Test
    void streamsThatStartTogetherSnapshotAtDifferentEvents() {
        ForestLearner first = learner(0);
        ForestLearner second = learner(1);
        InputMatrix stream = ModelFixtures.randomInputs(50, 10);

        first.score(stream, new BatchScores(3));
        second.score(stream, new BatchScores(3));

        assertThat(first.snapshots()).isZero();
        assertThat(second.snapshots()).as("997 mod 500 = 497 events in, 3 from its first snapshot").isEqualTo(1);
    }

    @Test
    void learnsEveryEventSoALastingShiftStopsLookingAnomalous() {
        ForestLearner learner = new ForestLearner(MODEL.template(), 42, ModelFixtures.layout(), 1.0,
                ForestLearner.DEFAULT_SNAPSHOT_EVERY, 0);
        InputMatrix shifted = ModelFixtures.randomInputs(400, 3);
        for (int row = 0; row < shifted.rows(); row++) {
            shifted.values()[row * shifted.columns()] += 4f; // cpu four standard deviations up, for good
        }

        double[] errors = errors(learner, shifted, 400);

        assertThat(mean(errors, 380, 400)).isLessThan(mean(errors, 0, 20) * 0.8);
    }

    private static ForestLearner learner() {
        return learner(0);
    }

    private static ForestLearner learner(int stream) {
        return new ForestLearner(MODEL.template(), 42, ModelFixtures.layout(), 1.0, SNAPSHOT_EVERY, stream,
                PART_BYTES);
    }

    /** Saves into a map standing in for the compacted changelog. */
    private static byte[] save(ForestLearner learner, Map<Integer, byte[]> changelog) {
        return learner.save((slot, value) -> {
            if (value == null) {
                changelog.remove(slot);
            } else {
                changelog.put(slot, value);
            }
        });
    }

    private static byte[] damaged(byte[] part) {
        byte[] copy = part.clone();
        copy[copy.length - 1] ^= 0x10;
        return copy;
    }

    private static double[] errors(ForestLearner learner, InputMatrix stream, int chunk) {
        double[] errors = new double[stream.rows()];
        BatchScores scores = new BatchScores(3);
        for (int from = 0; from < stream.rows(); from += chunk) {
            int rows = Math.min(chunk, stream.rows() - from);
            learner.score(slice(stream, from, rows), scores);
            for (int row = 0; row < rows; row++) {
                errors[from + row] = scores.error(row);
            }
        }
        return errors;
    }

    private static InputMatrix slice(InputMatrix stream, int from, int rows) {
        int columns = stream.columns();
        return new InputMatrix(Arrays.copyOfRange(stream.values(), from * columns, (from + rows) * columns), rows,
                columns);
    }

    private static double mean(double[] values, int from, int to) {
        return Arrays.stream(values, from, to).average().orElseThrow();
    }
}
