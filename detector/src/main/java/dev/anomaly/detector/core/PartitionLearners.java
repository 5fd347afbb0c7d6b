package dev.anomaly.detector.core;

import dev.anomaly.model.AutoencoderLearner;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.OnlineLearning;
import java.util.HashMap;
import java.util.Map;

/**
 * The learners of a detector whose autoencoder keeps learning, one per input partition: created from the
 * trained weights when a partition's first event comes, saved to the changelog with every batch that reads the
 * partition, restored from it after a fault, dropped with the partition. Not thread-safe.
 */
final class PartitionLearners {
    private final LoadedModel model;
    private final OnlineLearning learning;
    private final Map<Integer, AutoencoderLearner> learners = new HashMap<>();

    PartitionLearners(LoadedModel model, OnlineLearning learning) {
        this.model = model;
        this.learning = learning;
    }

    /** The learner of {@code partition}, from the trained weights if it has none yet. */
    AutoencoderLearner of(int partition) {
        return learners.computeIfAbsent(partition, p -> learning.newLearner(model));
    }

    /** See {@link Detector#saveLearner}. */
    void save(int partition, Detector.LearnerSink sink) {
        AutoencoderLearner learner = learners.get(partition);
        if (learner == null) {
            sink.save(null, null);
        } else {
            sink.save(learner.progress(), learner.weightsChanged() ? learner.weights() : null);
        }
    }

    /** See {@link Detector#restoreLearner}. */
    void restore(int partition, byte[] weights, byte[] progress) {
        learners.remove(partition);
        if (progress == null) {
            return;
        }
        AutoencoderLearner learner = learning.newLearner(model);
        if (learner.restore(weights, progress)) {
            learners.put(partition, learner);
        }
    }

    void drop(int partition) {
        learners.remove(partition);
    }
}
