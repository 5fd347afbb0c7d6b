package dev.anomaly.model.iforest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TreeBuilderTest {
    private static final int ROWS = 256;
    private static final int COLUMNS = 3;
    private static final float[] DATA = Samples.gaussianWithOutliers(ROWS, COLUMNS, 3);

    private static IsolationTree grow(float[] data, int heightLimit) {
        TreeBuilder builder = new TreeBuilder(data, COLUMNS, heightLimit, new SplittableRandom(9));
        return builder.grow(IntStream.range(0, data.length / COLUMNS).toArray());
    }

    private static int depth(IsolationTree tree, int offset) {
        int depth = 0;
        for (int node = 0; tree.feature(node) != IsolationTree.LEAF; depth++) {
            node = DATA[offset + tree.feature(node)] < tree.split(node) ? tree.left(node) : tree.right(node);
        }
        return depth;
    }

    @Test
    void theHeightLimitIsTheCeilingOfLog2OfTheSampleSize() {
        assertThat(IsolationForest.heightLimit(2)).isEqualTo(1);
        assertThat(IsolationForest.heightLimit(3)).isEqualTo(2);
        assertThat(IsolationForest.heightLimit(256)).isEqualTo(8);
        assertThat(IsolationForest.heightLimit(257)).isEqualTo(9);
    }

    @Test
    void withoutAHeightLimitEveryRowEndsAloneInItsLeaf() {
        IsolationTree tree = grow(DATA, Integer.MAX_VALUE);

        Set<Integer> leaves = new HashSet<>();
        for (int row = 0; row < ROWS; row++) {
            int leaf = tree.leafOf(DATA, row * COLUMNS);
            assertThat(tree.size(leaf)).isEqualTo(1);
            leaves.add(leaf);
        }

        assertThat(leaves).hasSize(ROWS);
    }

    @Test
    void noLeafIsDeeperThanTheHeightLimit() {
        IsolationTree tree = grow(DATA, 3);

        for (int row = 0; row < ROWS; row++) {
            assertThat(depth(tree, row * COLUMNS)).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void everySampledRowIsInOneLeaf() {
        IsolationTree tree = grow(DATA, 8);

        int inLeaves = 0;
        for (int node = 0; node < tree.nodeCount(); node++) {
            inLeaves += tree.feature(node) == IsolationTree.LEAF ? tree.size(node) : 0;
        }

        assertThat(tree.sampleSize()).isEqualTo(ROWS);
        assertThat(inLeaves).isEqualTo(ROWS);
    }

    @Test
    void rowsEqualInEveryFeatureAreNotSplit() {
        float[] equal = new float[10 * COLUMNS];
        Arrays.fill(equal, -3);

        IsolationTree tree = grow(equal, 8);

        assertThat(tree.nodeCount()).isEqualTo(1);
        assertThat(tree.size(0)).isEqualTo(10);
    }
}
