package dev.anomaly.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A mini-batch's gradient computed on several cores: the batch is cut into a fixed number of chunks, each
 * chunk's gradient goes into its own buffer, and the buffers are added in chunk order. How many threads do
 * the chunks does not change a bit of the result, so a model trained on two cores is the model trained on
 * eight.
 */
final class ChunkedGradient implements AutoCloseable {
    /** Chunks per batch at most; a chunk is never smaller than {@link #MIN_CHUNK_ROWS}. */
    static final int MAX_CHUNKS = 4;
    /** Below this many rows a chunk costs more to hand over than it saves. */
    static final int MIN_CHUNK_ROWS = 64;

    private final DenseBackprop[] backprops;
    private final float[][] gradients;
    private final double[] losses;
    private final int threads;
    private final ExecutorService workers;

    /**
     * @param maxRows the largest batch
     * @param threads threads to use, the caller's included; at most {@link #MAX_CHUNKS} are useful
     */
    ChunkedGradient(DenseParameters shape, int maxRows, int threads, InputNoise noise) {
        int chunkRows = largestChunk(maxRows);
        this.backprops = new DenseBackprop[MAX_CHUNKS];
        this.gradients = new float[MAX_CHUNKS][];
        for (int c = 0; c < MAX_CHUNKS; c++) {
            backprops[c] = new DenseBackprop(shape, chunkRows, noise);
            gradients[c] = shape.zeros();
        }
        this.losses = new double[MAX_CHUNKS];
        this.threads = Math.max(1, Math.min(threads, MAX_CHUNKS));
        this.workers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "autoencoder-training");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sets {@code gradient} to the derivative of the summed loss over the rows {@code order[start]} …
     * {@code order[start + count - 1]} of {@code data}, and returns that summed loss; {@code step} chooses the
     * rows' noise, if any.
     */
    double compute(float[] data, int[] order, int start, int count, float[] params, float[] gradient, long step) {
        int chunks = chunks(count);
        int perThread = (chunks + threads - 1) / threads;
        List<Future<?>> pending = new ArrayList<>();
        for (int first = perThread; first < chunks; first += perThread) {
            int from = first;
            int to = Math.min(chunks, first + perThread);
            pending.add(workers.submit(() -> run(from, to, chunks, data, order, start, count, params, step)));
        }
        run(0, Math.min(perThread, chunks), chunks, data, order, start, count, params, step);
        for (Future<?> future : pending) {
            await(future);
        }
        System.arraycopy(gradients[0], 0, gradient, 0, gradient.length);
        double loss = losses[0];
        for (int c = 1; c < chunks; c++) {
            float[] part = gradients[c];
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] += part[k];
            }
            loss += losses[c];
        }
        return loss;
    }

    /** The chunks of a batch of {@code count} rows: a function of the count only. */
    static int chunks(int count) {
        return Math.max(1, Math.min(MAX_CHUNKS, count / MIN_CHUNK_ROWS));
    }

    private static int largestChunk(int maxRows) {
        int largest = 1;
        for (int count = 1; count <= maxRows; count++) {
            int chunks = chunks(count);
            largest = Math.max(largest, (count + chunks - 1) / chunks);
        }
        return largest;
    }

    private void run(int fromChunk, int toChunk, int chunks, float[] data, int[] order, int start, int count,
                     float[] params, long step) {
        for (int c = fromChunk; c < toChunk; c++) {
            int begin = (int) ((long) count * c / chunks);
            int end = (int) ((long) count * (c + 1) / chunks);
            Arrays.fill(gradients[c], 0f);
            losses[c] = backprops[c].accumulate(data, order, start + begin, end - begin, params, gradients[c],
                    step);
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
