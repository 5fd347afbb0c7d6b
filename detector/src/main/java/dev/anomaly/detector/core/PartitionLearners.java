package dev.anomaly.detector.core;

import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.OnlineLearning;
import dev.anomaly.model.StreamLearner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The learners of a detector whose model keeps learning, one per input partition: created from the trained
 * model when a partition's first event comes, saved to the changelog with every batch that reads the
 * partition, restored from it after a fault, dropped with the partition. Not thread-safe.
 */
final class PartitionLearners {
    private final LoadedModel model;
    private final OnlineLearning learning;
    private final Map<Integer, StreamLearner> learners = new HashMap<>();

    PartitionLearners(LoadedModel model, OnlineLearning learning) {
        this.model = model;
        this.learning = learning;
    }

    /** The learner of {@code partition}, from the trained model if it has none yet. */
    StreamLearner of(int partition) {
        return learners.computeIfAbsent(partition, p -> learning.newLearner(model, p));
    }

    /** See {@link Detector#saveLearner}. */
    void save(int partition, Detector.LearnerSink sink) {
        StreamLearner learner = learners.get(partition);
        if (learner == null) {
            sink.save(null, List.of());
            return;
        }
        List<StreamLearner.Part> parts = new ArrayList<>();
        byte[] progress = learner.save((slot, value) -> parts.add(new StreamLearner.Part(slot, value)));
        sink.save(progress, parts);
    }

    /** See {@link Detector#restoreLearner}. */
    boolean restore(int partition, byte[] progress, IntFunction<byte[]> parts) {
        learners.remove(partition);
        if (progress == null) {
            return true;
        }
        StreamLearner learner = learning.newLearner(model, partition);
        if (learner.restore(progress, parts)) {
            learners.put(partition, learner);
            return true;
        }
        return false;
    }

    /** See {@link Detector#learnerNotSaved}. */
    void unsaved(int partition) {
        StreamLearner learner = learners.get(partition);
        if (learner != null) {
            learner.unsaved();
        }
    }

    /** What the learner of {@code partition} has learnt, or "the trained model" when it has none. */
    String describe(int partition) {
        StreamLearner learner = learners.get(partition);
        return learner == null ? "the trained model" : learner.describe();
    }

    void drop(int partition) {
        learners.remove(partition);
    }
}
