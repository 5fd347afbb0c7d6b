package dev.anomaly.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAssemblerTest {
    private final FeatureSpec spec = new FeatureSpec(List.of("a", "b"), 3);
    private final WindowAssembler assembler = new WindowAssembler(spec);
    private final double[] window = new double[6];

    @Test
    void anEventIsScoredOnlyOnceItsHostHasAFullWindow() {
        assertThat(assembler.push("web-1", new double[] {1, 10}, window, 0)).isFalse();
        assertThat(assembler.push("web-1", new double[] {2, 20}, window, 0)).isFalse();
        assertThat(assembler.push("web-1", new double[] {3, 30}, window, 0)).isTrue();
    }

    @Test
    void theWindowHoldsTheLastEventsOldestFirst() {
        for (int i = 1; i <= 5; i++) {
            assembler.push("web-1", new double[] {i, 10 * i}, window, 0);
        }

        assertThat(window).containsExactly(3, 30, 4, 40, 5, 50);
    }

    @Test
    void hostsHaveTheirOwnHistory() {
        assembler.push("web-1", new double[] {1, 1}, window, 0);
        assembler.push("web-1", new double[] {2, 2}, window, 0);
        assembler.push("web-2", new double[] {100, 100}, window, 0);

        assertThat(assembler.push("web-2", new double[] {101, 101}, window, 0)).isFalse();
        assertThat(assembler.push("web-1", new double[] {3, 3}, window, 0)).isTrue();
        assertThat(window).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(assembler.hosts()).isEqualTo(2);
    }

    @Test
    void forgettingAHostStartsItsWindowAgain() {
        for (int i = 1; i <= 3; i++) {
            assembler.push("web-1", new double[] {i, i}, window, 0);
        }

        assembler.forget("web-1");

        assertThat(assembler.push("web-1", new double[] {9, 9}, window, 0)).isFalse();
    }

    @Test
    void aWindowOfOnePassesEachEventThrough() {
        WindowAssembler single = new WindowAssembler(new FeatureSpec(List.of("a", "b"), 1));
        double[] target = new double[4];

        assertThat(single.push("h", new double[] {7, 8}, target, 2)).isTrue();
        assertThat(target).containsExactly(0, 0, 7, 8);
    }
}
