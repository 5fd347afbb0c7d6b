package dev.anomaly.model.iforest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IsolationTreeTest {
    private static final int L = IsolationTree.LEAF;

    /** Node 0 splits feature 1 at 0.5; node 1 is a leaf of 3 rows; node 2 splits feature 0 at 2 into 3 and 4. */
    private static IsolationTree tree() {
        return new IsolationTree(new int[] {1, L, 0, L, L}, new float[] {0.5f, 0, 2, 0, 0},
                new int[] {1, L, 3, L, L}, new int[] {2, L, 4, L, L}, new int[] {5, 3, 2, 1, 1}, 2);
    }

    @Test
    void aValueBelowTheSplitGoesLeft() {
        IsolationTree tree = tree();

        int leaf = tree.leafOf(new float[] {9, 0.4f}, 0);

        assertThat(leaf).isEqualTo(1);
        assertThat(tree.pathLength(leaf)).isEqualTo(1 + AveragePathLength.of(3));
    }

    @Test
    void aValueEqualToTheSplitGoesRight() {
        IsolationTree tree = tree();

        int leaf = tree.leafOf(new float[] {-7, 1, 2, 0.5f}, 2);

        assertThat(leaf).isEqualTo(4);
        assertThat(tree.pathLength(leaf)).isEqualTo(2);
    }

    @Test
    void notANumberGoesRight() {
        assertThat(tree().leafOf(new float[] {Float.NaN, Float.NaN}, 0)).isEqualTo(4);
    }

    @Test
    void eachSplitCreditsItsFeatureWithTheBitsOfIsolationItGave() {
        double[] perFeature = new double[4];

        // Feature 1 narrows 5 rows to 2, feature 0 then 2 rows to 1.
        tree().addIsolationCredit(new float[] {1, 0.5f}, 0, 0.25, perFeature, 2);

        assertThat(perFeature).containsExactly(new double[] {0, 0, 0.25 * 1, 0.25 * log2(5 / 2.0)}, within(1e-15));
    }

    @Test
    void aRowReachingAShallowLeafIsCreditedForItsOwnSplitsOnly() {
        double[] perFeature = new double[2];

        // Feature 1 narrows 5 rows to 3; the row stops there, above the tree's deepest leaves.
        tree().addIsolationCredit(new float[] {9, 0.4f}, 0, 1, perFeature, 0);

        assertThat(perFeature).containsExactly(new double[] {0, log2(5 / 3.0)}, within(1e-15));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void rejectsAChildIndexBeforeItsParent() {
        assertThatThrownBy(() -> new IsolationTree(new int[] {1, L, 0, L, L}, new float[5],
                new int[] {1, L, 0, L, L}, new int[] {2, L, 4, L, L}, new int[] {5, 3, 2, 1, 1}, 2))
                .hasMessage("node 2: child index 0 out of range 3..4");
    }

    @Test
    void rejectsANodeWithTwoParents() {
        assertThatThrownBy(() -> new IsolationTree(new int[] {0, 0, L, L}, new float[4],
                new int[] {1, 2, L, L}, new int[] {2, 3, L, L}, new int[] {3, 2, 1, 1}, 1))
                .hasMessage("node 2 has two parents");
    }

    @Test
    void rejectsANodeThatIsNoNodesChild() {
        assertThatThrownBy(() -> new IsolationTree(new int[] {0, L, L, L}, new float[4],
                new int[] {1, L, L, L}, new int[] {3, L, L, L}, new int[] {2, 1, 1, 1}, 1))
                .hasMessage("node 2 is no node's child");
    }

    @Test
    void rejectsChildrenThatDoNotHoldTheirParentsRows() {
        assertThatThrownBy(() -> new IsolationTree(new int[] {0, L, L}, new float[3],
                new int[] {1, L, L}, new int[] {2, L, L}, new int[] {5, 3, 1}, 1))
                .hasMessage("node 0 holds 5 rows but its children 3 + 1");
    }

    @Test
    void rejectsALeafWithChildren() {
        assertThatThrownBy(() -> new IsolationTree(new int[] {L, L}, new float[2],
                new int[] {1, L}, new int[] {L, L}, new int[] {2, 2}, 1))
                .hasMessage("leaf 0 has children");
    }

    @Test
    void rejectsAFeatureBeyondTheColumns() {
        assertThatThrownBy(() -> new IsolationTree(new int[] {3, L, L}, new float[3],
                new int[] {1, L, L}, new int[] {2, L, L}, new int[] {2, 1, 1}, 3))
                .hasMessage("node 0 splits on feature 3 of 3");
    }

    @Test
    void rejectsArraysOfDifferentLengths() {
        assertThatThrownBy(() -> new IsolationTree(new int[] {L}, new float[2],
                new int[] {L}, new int[] {L}, new int[] {2}, 1))
                .hasMessage("split has 2 values for 1 nodes");
    }
}
