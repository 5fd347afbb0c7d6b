package dev.anomaly.model.iforest;

import java.util.Arrays;

/**
 * One isolation tree as flat arrays indexed by node, root at 0, so that scoring walks primitive arrays
 * instead of chasing one object per node. Immutable; validated on construction whether it was grown or read.
 *
 * <p>A node is a leaf when its feature is {@link #LEAF}. An inner node sends a row left when
 * {@code row[feature] < split} and right otherwise (NaN goes right, as every comparison with it is false).
 * Children always have higher indices than their parent, which makes every walk end.
 */
final class IsolationTree {
    /** The feature of a leaf, and its child indices. */
    static final int LEAF = -1;
    private static final double LN_2 = Math.log(2);

    private final int[] feature;
    private final float[] split;
    private final int[] left;
    private final int[] right;
    private final int[] size;
    /** For a leaf: its depth plus c(rows in it), the path length every row reaching it gets. */
    private final double[] pathLength;
    /**
     * At {@code 2 × node} and {@code 2 × node + 1}, beside {@link #children}: log2(rows at the node / rows at
     * that child), how much the split narrowed down the company of a row that takes that turn; 0 for a leaf's
     * turns to itself. A typical split halves it (1 bit); the split that cuts an anomaly off gives many bits.
     */
    private final double[] isolationBits;
    /**
     * The walk's view of the tree: per node, the feature to compare (0 for a leaf) and at {@code 2 × node} and
     * {@code 2 × node + 1} the children for below and not below the split, a leaf being its own child. Every
     * row then takes exactly {@link #height} steps, without a branch on the data or on where the path ends,
     * and the processor overlaps the walks of consecutive rows instead of mispredicting half of the turns.
     */
    private final int[] walkFeature;
    private final int[] children;
    /** The depth of the deepest leaf. */
    private final int height;

    /**
     * @param feature per node: the feature split on, or {@link #LEAF}
     * @param split per inner node: the split value; ignored for leaves
     * @param left per inner node: the index of the child for values below the split; {@link #LEAF} for leaves
     * @param right per inner node: the index of the other child; {@link #LEAF} for leaves
     * @param size per node: the training rows of the tree's sample that reached it
     * @param columns features per row
     * @throws IllegalArgumentException naming the first node that does not make a tree
     */
    IsolationTree(int[] feature, float[] split, int[] left, int[] right, int[] size, int columns) {
        int nodes = feature.length;
        if (nodes == 0) {
            throw new IllegalArgumentException("no nodes");
        }
        requireLength("split", split.length, nodes);
        requireLength("left", left.length, nodes);
        requireLength("right", right.length, nodes);
        requireLength("size", size.length, nodes);
        this.feature = feature.clone();
        this.split = split.clone();
        this.left = left.clone();
        this.right = right.clone();
        this.size = size.clone();
        this.pathLength = new double[nodes];
        this.isolationBits = new double[2 * nodes];
        this.walkFeature = new int[nodes];
        this.children = new int[2 * nodes];
        this.height = validateAndMeasure(columns);
    }

    private static void requireLength(String name, int length, int nodes) {
        if (length != nodes) {
            throw new IllegalArgumentException(name + " has " + length + " values for " + nodes + " nodes");
        }
    }

    /** Checks that the arrays make one tree, fills in the walk's view of it, and returns its height. */
    private int validateAndMeasure(int columns) {
        int nodes = feature.length;
        int deepest = 0;
        int[] depth = new int[nodes];
        int[] parent = new int[nodes];
        Arrays.fill(parent, LEAF);
        for (int node = 0; node < nodes; node++) {
            if (size[node] < 1) {
                throw new IllegalArgumentException("node " + node + " holds " + size[node] + " rows");
            }
            if (node > 0 && parent[node] == LEAF) {
                throw new IllegalArgumentException("node " + node + " is no node's child");
            }
            int f = feature[node];
            if (f == LEAF) {
                if (left[node] != LEAF || right[node] != LEAF) {
                    throw new IllegalArgumentException("leaf " + node + " has children");
                }
                pathLength[node] = depth[node] + AveragePathLength.of(size[node]);
                children[2 * node] = node;
                children[2 * node + 1] = node;
                deepest = Math.max(deepest, depth[node]);
                continue;
            }
            if (f < 0 || f >= columns) {
                throw new IllegalArgumentException("node " + node + " splits on feature " + f + " of " + columns);
            }
            if (!Float.isFinite(split[node])) {
                throw new IllegalArgumentException("node " + node + " splits at " + split[node]);
            }
            adopt(node, left[node], parent, depth);
            adopt(node, right[node], parent, depth);
            if (size[node] != size[left[node]] + size[right[node]]) {
                throw new IllegalArgumentException("node " + node + " holds " + size[node] + " rows but its children "
                        + size[left[node]] + " + " + size[right[node]]);
            }
            walkFeature[node] = f;
            children[2 * node] = left[node];
            children[2 * node + 1] = right[node];
            // A child holding 0 rows fails when the loop reaches it; until then the bits are not read.
            isolationBits[2 * node] = Math.log((double) size[node] / size[left[node]]) / LN_2;
            isolationBits[2 * node + 1] = Math.log((double) size[node] / size[right[node]]) / LN_2;
        }
        return deepest;
    }

    private void adopt(int node, int child, int[] parent, int[] depth) {
        // Children come after their parent: no cycles, and scoring always reaches a leaf.
        if (child <= node || child >= feature.length) {
            throw new IllegalArgumentException("node " + node + ": child index " + child + " out of range "
                    + (node + 1) + ".." + (feature.length - 1));
        }
        if (parent[child] != LEAF) {
            throw new IllegalArgumentException("node " + child + " has two parents");
        }
        parent[child] = node;
        depth[child] = depth[node] + 1;
    }

    /** The leaf the row at {@code offset} of {@code rows} reaches. */
    int leafOf(float[] rows, int offset) {
        int node = 0;
        for (int step = 0; step < height; step++) {
            int notBelow = rows[offset + walkFeature[node]] < split[node] ? 0 : 1;
            node = children[2 * node + notBelow];
        }
        return node;
    }

    /** h(x) of every row reaching {@code leaf}: its depth plus c(rows the leaf holds). */
    double pathLength(int leaf) {
        return pathLength[leaf];
    }

    /**
     * Credits each feature split on along the row's path with {@code weight} × the bits of isolation that
     * split gave the row (see {@link #isolationBits}), for the row at {@code offset} of {@code rows}, into
     * {@code perFeature} from index {@code from}.
     */
    void addIsolationCredit(float[] rows, int offset, double weight, double[] perFeature, int from) {
        int node = 0;
        for (int step = 0; step < height; step++) {
            int f = walkFeature[node];
            int turn = 2 * node + (rows[offset + f] < split[node] ? 0 : 1);
            // Once at the leaf this adds 0 to feature 0, which changes no sum.
            perFeature[from + f] += weight * isolationBits[turn];
            node = children[turn];
        }
    }

    /** Training rows the tree was grown on: the rows at its root. */
    int sampleSize() {
        return size[0];
    }

    int nodeCount() {
        return feature.length;
    }

    int feature(int node) {
        return feature[node];
    }

    float split(int node) {
        return split[node];
    }

    int left(int node) {
        return left[node];
    }

    int right(int node) {
        return right[node];
    }

    int size(int node) {
        return size[node];
    }
}
