package dev.anomaly.model.iforest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows isolation trees (Liu, Ting &amp; Zhou 2008, algorithm 2) on subsamples of one training matrix. A node
 * stops splitting at the height limit, when it holds one row, or when its rows are equal in every feature;
 * otherwise it splits a random feature among those not constant in the node, at a value drawn uniformly
 * between that feature's minimum and maximum there. Not thread-safe: it reuses its buffers from tree to tree.
 */
final class TreeBuilder {
    private final float[] rows;
    private final int columns;
    private final int heightLimit;
    private final SplittableRandom random;
    private final float[] min;
    private final float[] max;
    private final int[] candidates;

    private int nodes;
    private int[] feature;
    private float[] split;
    private int[] left;
    private int[] right;
    private int[] size;

    /**
     * @param rows training rows, row-major, {@code columns} values each
     * @param heightLimit the deepest a node may be; deeper rows are typical and need no telling apart
     * @param random the source of every choice, so that a seed fixes the trees
     */
    TreeBuilder(float[] rows, int columns, int heightLimit, SplittableRandom random) {
        this.rows = rows;
        this.columns = columns;
        this.heightLimit = heightLimit;
        this.random = random;
        this.min = new float[columns];
        this.max = new float[columns];
        this.candidates = new int[columns];
    }

    /**
     * Grows a tree on the rows whose indices are in {@code sample}.
     *
     * @param sample row indices; reordered in place
     */
    IsolationTree grow(int[] sample) {
        // A tree of n rows has at most 2n − 1 nodes.
        int capacity = 2 * sample.length - 1;
        nodes = 0;
        feature = new int[capacity];
        split = new float[capacity];
        left = new int[capacity];
        right = new int[capacity];
        size = new int[capacity];
        grow(sample, 0, sample.length, 0);
        return new IsolationTree(Arrays.copyOf(feature, nodes), Arrays.copyOf(split, nodes),
                Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes), Arrays.copyOf(size, nodes), columns);
    }

    /** Grows the subtree of {@code sample[from, to)} in pre-order and returns the index of its root. */
    private int grow(int[] sample, int from, int to, int depth) {
        int node = nodes++;
        size[node] = to - from;
        feature[node] = IsolationTree.LEAF;
        left[node] = IsolationTree.LEAF;
        right[node] = IsolationTree.LEAF;
        if (depth >= heightLimit || to - from < 2) {
            return node;
        }
        int splittable = splittableFeatures(sample, from, to);
        if (splittable == 0) {
            return node;
        }
        int f = candidates[random.nextInt(splittable)];
        float value = splitValue(min[f], max[f]);
        int middle = partition(sample, from, to, f, value);
        feature[node] = f;
        split[node] = value;
        // min and max are overwritten below: everything needed from them has been read.
        left[node] = grow(sample, from, middle, depth + 1);
        right[node] = grow(sample, middle, to, depth + 1);
        return node;
    }

    /** Fills {@link #min}, {@link #max} and {@link #candidates}; returns how many features vary in the node. */
    private int splittableFeatures(int[] sample, int from, int to) {
        int first = sample[from] * columns;
        System.arraycopy(rows, first, min, 0, columns);
        System.arraycopy(rows, first, max, 0, columns);
        for (int i = from + 1; i < to; i++) {
            int offset = sample[i] * columns;
            for (int f = 0; f < columns; f++) {
                float v = rows[offset + f];
                if (v < min[f]) {
                    min[f] = v;
                } else if (v > max[f]) {
                    max[f] = v;
                }
            }
        }
        int count = 0;
        for (int f = 0; f < columns; f++) {
            if (max[f] > min[f]) {
                candidates[count++] = f;
            }
        }
        return count;
    }

    /**
     * A value in (low, high], so that the row holding the minimum goes left and the one holding the maximum
     * right, and neither child is empty.
     */
    private float splitValue(float low, float high) {
        float value = (float) (high - random.nextDouble() * ((double) high - low));
        // Rounding to float can land on low when the two are adjacent floats.
        return value > low ? value : high;
    }

    /** Moves the rows below {@code value} in feature {@code f} to the front; returns where the rest start. */
    private int partition(int[] sample, int from, int to, int f, float value) {
        int next = from;
        for (int i = from; i < to; i++) {
            if (rows[sample[i] * columns + f] < value) {
                int swap = sample[next];
                sample[next++] = sample[i];
                sample[i] = swap;
            }
        }
        return next;
    }
}
