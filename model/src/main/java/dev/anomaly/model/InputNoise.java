package dev.anomaly.model;

/**
 * Gaussian noise added to the metric inputs of the rows an autoencoder learns from (a denoising autoencoder),
 * while the loss still compares its output with the clean row. Without it a network whose bottleneck is wide
 * enough copies each noisy metric through, so its error on a spike in one metric is drowned by the others'
 * tails; with it the network learns what a value should be from the other metrics and the time of cycle, and
 * an event's error is how far it lies from that.
 *
 * <p>The noise of a row is a function of the seed, the step and the row's place in the step only, so a
 * training run gives the same model whatever the threads, and a learner restored mid-stream goes on exactly
 * as it would have. Immutable.
 *
 * @param deviation the noise's standard deviation, in the scaled units of the inputs (standard scaling: the
 *     feature's standard deviations); 0 for none
 * @param metricInputs the noise goes into the first this many inputs of a row (the metrics, not the
 *     time-of-cycle inputs, which are known exactly)
 * @param seed chooses the noise
 */
public record InputNoise(double deviation, int metricInputs, long seed) {
    /** {@code train --input-noise}'s default, chosen with {@code evaluate} (see the README). */
    public static final double DEFAULT_DEVIATION = 0.4;
    /** The most {@code train --input-noise} takes: far beyond it the network learns nothing of the inputs. */
    public static final int MAX_DEVIATION = 10;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    public InputNoise {
        if (!(deviation >= 0 && deviation <= MAX_DEVIATION)) {
            throw new IllegalArgumentException("the input noise must be 0.." + MAX_DEVIATION + ", got " + deviation);
        }
        if (metricInputs < 0) {
            throw new IllegalArgumentException("metric inputs must be 0 or more, got " + metricInputs);
        }
    }

    /** No noise: the network learns to reconstruct what it is given. */
    public static InputNoise none() {
        return new InputNoise(0, 0, 0);
    }

    public boolean isNone() {
        return deviation == 0 || metricInputs == 0;
    }

    /**
     * Adds the noise of row {@code row} of step {@code step} to the metric inputs starting at {@code offset}.
     */
    void addTo(float[] values, int offset, long step, int row) {
        if (isNone()) {
            return;
        }
        long state = mix(seed ^ mix(step * GOLDEN + row));
        for (int i = 0; i < metricInputs; i += 2) {
            // Box-Muller: two uniforms in (0, 1] give two independent standard normal values.
            state += GOLDEN;
            double u1 = ((mix(state) >>> 11) + 1) * 0x1.0p-53;
            state += GOLDEN;
            double u2 = (mix(state) >>> 11) * 0x1.0p-53;
            // StrictMath: the same bits on every machine, so a learner moved to another host goes on exactly.
            double radius = deviation * StrictMath.sqrt(-2 * StrictMath.log(u1));
            values[offset + i] += (float) (radius * StrictMath.cos(2 * Math.PI * u2));
            if (i + 1 < metricInputs) {
                values[offset + i + 1] += (float) (radius * StrictMath.sin(2 * Math.PI * u2));
            }
        }
    }

    /** SplitMix64's finaliser: a well-spread 64-bit hash. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
