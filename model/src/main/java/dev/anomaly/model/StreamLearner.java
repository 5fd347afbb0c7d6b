package dev.anomaly.model;

import java.util.function.IntFunction;

/**
 * A model that keeps learning from the events of one stream (one input partition) as it scores them, with
 * state that can be saved with every batch and restored after a restart or a rebalance, so that the scores
 * do not depend on how the stream was batched, stopped or moved.
 *
 * <p>The state is a small progress record, saved every batch, and numbered parts (the weights, a snapshot, a
 * journal), saved only when they change. Not thread-safe: one learner per partition, on the detector's thread.
 */
public interface StreamLearner {
    /** Events that can be scored in one call before the state may change (a call never spans more). */
    int untilStep();

    /**
     * Scores rows in the stream's order; at most {@link #untilStep()} of them before they are observed. It throws
     * only before it has changed anything (a row the model fails on gets a NaN error), so a failed call can be
     * tried again row by row.
     */
    void score(InputMatrix inputs, BatchScores scores);

    /**
     * The next event of the stream, after it was scored and judged: an unflagged one may be learnt.
     *
     * @param values the event's encoded inputs, from {@code offset}
     */
    void observe(float[] values, int offset, boolean flagged);

    /**
     * Hands the parts that changed since the last save to {@code parts}, in the order they must be written,
     * and returns the progress that goes with them.
     */
    byte[] save(PartSink parts);

    /**
     * The parts of the last {@link #save} were not written (too large for the changelog): the next save hands
     * over the whole state again.
     */
    void unsaved();

    /**
     * Continues from a saved progress and the parts saved with it ({@code parts} gives null for a part never
     * saved).
     *
     * @return false when they belong to another model or to other moments of this one, or cannot be read; the
     *     learner must then not be used
     */
    boolean restore(byte[] progress, IntFunction<byte[]> parts);

    /** What the learner has learnt, in a few words for the console (e.g. after a restore). */
    String describe();

    /** One part of a learner's saved state; value null: the part is no longer used. */
    record Part(int slot, byte[] value) {
    }

    /** Receives the changed parts of a learner's state. */
    @FunctionalInterface
    interface PartSink {
        /** @param value null: the part is no longer used */
        void part(int slot, byte[] value);
    }
}
