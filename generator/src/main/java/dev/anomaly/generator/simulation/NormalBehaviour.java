package dev.anomaly.generator.simulation;

import java.util.random.RandomGenerator;

/**
 * The normal behaviour of a host, as in the original tutorial (with a noise factor of 1 and no offset). {@code t} is the simulated time in epoch
 * seconds, so every run shares the same phase of the 300 s CPU and 600 s memory cycles, as real daily and
 * weekly cycles are anchored to the clock.
 */
final class NormalBehaviour {
    static final double CPU_PERIOD_SECONDS = 300;
    static final double MEMORY_PERIOD_SECONDS = 600;

    private NormalBehaviour() {
    }

    /** cpu 25 + 15·sin(2πt/300 s) + N(0,5) × noise + offset, clipped to [0,100]. */
    static double cpu(long epochMillis, RandomGenerator random, double noise, double offset) {
        return clip(25 + 15 * Math.sin(phase(epochMillis, CPU_PERIOD_SECONDS)) + 5 * noise * random.nextGaussian()
                + offset, 0, 100);
    }

    /** memory 45 + 10·sin(2πt/600 s) + N(0,3) × noise + offset, clipped to [0,100]. */
    static double memory(long epochMillis, RandomGenerator random, double noise, double offset) {
        return clip(45 + 10 * Math.sin(phase(epochMillis, MEMORY_PERIOD_SECONDS)) + 3 * noise * random.nextGaussian()
                + offset, 0, 100);
    }

    /** response 120 + 30·U(0,1) + N(0,20) × noise + offset, at least 50. */
    static double responseTime(RandomGenerator random, double noise, double offset) {
        return Math.max(50, 120 + 30 * random.nextDouble() + 20 * noise * random.nextGaussian() + offset);
    }

    /** disk 50 + N(0,15) × noise + offset, at least 0. */
    static double diskIo(RandomGenerator random, double noise, double offset) {
        return Math.max(0, 50 + 15 * noise * random.nextGaussian() + offset);
    }

    /** network 100 + N(0,25) × noise + offset, at least 0. */
    static double networkIo(RandomGenerator random, double noise, double offset) {
        return Math.max(0, 100 + 25 * noise * random.nextGaussian() + offset);
    }

    /**
     * 2πt/period, computed from the remainder so that epoch seconds (≈1.8e9) lose no precision.
     */
    static double phase(long epochMillis, double periodSeconds) {
        long periodMillis = (long) (periodSeconds * 1000);
        return 2 * Math.PI * Math.floorMod(epochMillis, periodMillis) / periodMillis;
    }

    static double clip(double value, double min, double max) {
        return Math.min(max, Math.max(min, value));
    }
}
