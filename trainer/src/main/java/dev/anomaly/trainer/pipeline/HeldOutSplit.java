package dev.anomaly.trainer.pipeline;

import java.util.Arrays;
import java.util.Random;

/**
 * Which windows a model is fitted on and which are held out for early stopping and the false-alarm check: a
 * shuffle by the seed, so the same data and seed give the same split (and the same model).
 *
 * @param training rows fitted on, ascending
 * @param validation rows held out, ascending
 */
record HeldOutSplit(int[] training, int[] validation) {
    static HeldOutSplit shuffled(int count, double validationShare, long seed) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int validation = (int) Math.round(count * validationShare);
        int[] validationRows = Arrays.copyOfRange(order, 0, validation);
        int[] trainRows = Arrays.copyOfRange(order, validation, count);
        Arrays.sort(validationRows);
        Arrays.sort(trainRows);
        return new HeldOutSplit(trainRows, validationRows);
    }
}
