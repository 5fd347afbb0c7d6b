package dev.anomaly.model;

/**
 * Folds a per-input attribution (one share per network input, as forests give it) back onto the
 * features: a feature's share is the sum over its window positions; the time-of-cycle inputs are left
 * out (they are never the anomaly), and the rest renormalised to sum to 1.
 */
final class FeatureShares {
    private FeatureShares() {
    }

    static void fold(InputLayout layout, float[] attribution, int columns, int rows, double[] errors,
                     double threshold, BatchScores scores) {
        int features = layout.spec().featureCount();
        int metric = layout.metricInputs();
        double[] perFeature = new double[features];
        scores.reset(rows);
        for (int row = 0; row < rows; row++) {
            java.util.Arrays.fill(perFeature, 0);
            double total = 0;
            int base = row * columns;
            for (int i = 0; i < metric; i++) {
                perFeature[i % features] += attribution[base + i];
                total += attribution[base + i];
            }
            scores.set(row, errors[row], threshold);
            for (int f = 0; f < features; f++) {
                scores.setShare(row, f, total > 0 ? (float) (perFeature[f] / total) : 1f / features);
            }
        }
    }
}
