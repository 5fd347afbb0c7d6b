package dev.anomaly.model.iforest;

import java.util.Random;
import java.util.stream.IntStream;

/** Training data for the forest tests: standard normal rows, and far outliers appended after them. */
final class Samples {
    private Samples() {
    }

    /**
     * {@code typical} standard normal rows followed by the given outliers, row-major.
     *
     * @param outliers one row of {@code columns} values each
     */
    static float[] gaussianWithOutliers(int typical, int columns, long seed, float[]... outliers) {
        Random random = new Random(seed);
        float[] rows = new float[(typical + outliers.length) * columns];
        for (int i = 0; i < typical * columns; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        for (int o = 0; o < outliers.length; o++) {
            System.arraycopy(outliers[o], 0, rows, (typical + o) * columns, columns);
        }
        return rows;
    }

    /** The indices of the {@code count} largest values, largest first. */
    static int[] topIndices(double[] values, int count) {
        return IntStream.range(0, values.length).boxed()
                .sorted((a, b) -> Double.compare(values[b], values[a]))
                .limit(count).mapToInt(Integer::intValue).toArray();
    }

    static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
