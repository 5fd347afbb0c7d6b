package dev.anomaly.generator.simulation;

import dev.anomaly.common.event.AnomalyType;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * One host's lasting changes ({@link Changes}), in time order: its features' level offsets and noise
 * factors, and the label of the events right after a change. Draws from its own random stream, so a stream
 * without changes is the tutorial's, event for event.
 */
final class HostChanges {
    /** cpu, memory, response time, disk, network: the standard deviation of each feature's noise. */
    static final double[] NOISE_SD = {5, 3, 20, 15, 25};
    private static final int CPU = 0;
    private static final int MEMORY = 1;
    private static final double NOISE_FACTOR = 2.5;
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final long WEEK_MILLIS = Duration.ofDays(7).toMillis();

    private final String host;
    private final Changes changes;
    private final Instant start;
    private final RandomGenerator random;
    private final double[] offsets = new double[NOISE_SD.length];
    private final double[] noise = {1, 1, 1, 1, 1};
    private Instant nextShift;
    private Instant nextNoiseChange;
    private Instant labelledUntil;
    private AnomalyType label;
    private String episode;
    private long count;

    HostChanges(String host, Changes changes, Instant start, RandomGenerator random) {
        this.host = host;
        this.changes = changes;
        this.start = start;
        this.random = random;
        nextShift = changes.levelShiftEvery().isZero() ? null : start.plus(span(changes.levelShiftEvery()));
        nextNoiseChange = changes.noiseChangeEvery().isZero() ? null : start.plus(span(changes.noiseChangeEvery()));
    }

    /** Applies the changes due by {@code time} (samples come in time order). */
    void advance(Instant time) {
        while (nextShift != null && !time.isBefore(nextShift)) {
            int feature = random.nextInt(offsets.length);
            double size = (3 + 2 * random.nextDouble()) * NOISE_SD[feature];
            offsets[feature] += offsets[feature] > 0 ? -size : size;
            changed(AnomalyType.LEVEL_SHIFT, nextShift);
            nextShift = nextShift.plus(span(changes.levelShiftEvery()));
        }
        while (nextNoiseChange != null && !time.isBefore(nextNoiseChange)) {
            int feature = random.nextInt(noise.length);
            noise[feature] = noise[feature] > 1 ? 1 : NOISE_FACTOR;
            changed(AnomalyType.NOISE_CHANGE, nextNoiseChange);
            nextNoiseChange = nextNoiseChange.plus(span(changes.noiseChangeEvery()));
        }
    }

    private void changed(AnomalyType type, Instant at) {
        label = type;
        episode = host + "-c" + count++;
        labelledUntil = at.plus(changes.labelLength());
    }

    /** What is added to {@code feature}'s normal value at {@code epochMillis}: level offset, trend, cycles. */
    double offset(int feature, long epochMillis) {
        double offset = offsets[feature];
        if (feature == CPU || feature == MEMORY) {
            offset += changes.dailyAmplitude() * Math.sin(2 * Math.PI * Math.floorMod(epochMillis, DAY_MILLIS)
                    / DAY_MILLIS);
            offset += changes.weeklyAmplitude() * Math.sin(2 * Math.PI * Math.floorMod(epochMillis, WEEK_MILLIS)
                    / WEEK_MILLIS);
        }
        if (feature == CPU) {
            offset += changes.trendPerHour() * (epochMillis - start.toEpochMilli()) / 3_600_000.0;
        }
        return offset;
    }

    /** The factor of {@code feature}'s noise. */
    double noise(int feature) {
        return noise[feature];
    }

    /** The label of an event at {@code time}: the latest change while it is recent, else null. */
    AnomalyType label(Instant time) {
        return labelledUntil != null && time.isBefore(labelledUntil) ? label : null;
    }

    /** The id of the latest change, the episode its labelled events belong to. */
    String episode() {
        return episode;
    }

    /** Uniformly 50% to 150% of {@code mean}. */
    private Duration span(Duration mean) {
        long millis = mean.toMillis();
        // Never zero: the loops in advance() must move on.
        return Duration.ofMillis(Math.max(1, millis / 2 + (long) (random.nextDouble() * millis)));
    }
}
