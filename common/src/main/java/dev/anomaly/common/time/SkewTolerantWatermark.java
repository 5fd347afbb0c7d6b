package dev.anomaly.common.time;

import java.util.Objects;

/**
 * The event time of a stream whose sources' clocks may disagree: the newest time that at least two
 * different sources have reported. One source with a clock far ahead (a host set to the year 3000) then
 * moves nothing but itself, while the stream's time still follows the bulk of its sources. Before a second
 * source is seen there is no watermark. It never goes backwards.
 *
 * <p>Keeps only the two newest sources, so its state is constant whatever the number of sources, and it
 * can be rebuilt exactly by observing each source's newest time again in any order. Not thread-safe.
 */
public final class SkewTolerantWatermark {
    /** {@link #current()} before two sources were seen. */
    public static final long NONE = Long.MIN_VALUE;

    private String newest;
    private long newestTime = NONE;
    private String runnerUp;
    private long runnerUpTime = NONE;

    /**
     * A source reported an event at {@code time} (epoch milliseconds).
     *
     * @return the watermark after it
     */
    public long observe(String source, long time) {
        Objects.requireNonNull(source, "source");
        if (source.equals(newest)) {
            newestTime = Math.max(newestTime, time);
        } else if (source.equals(runnerUp)) {
            runnerUpTime = Math.max(runnerUpTime, time);
        } else if (newest == null || time > runnerUpTime) {
            if (newest == null) {
                newest = source;
                newestTime = time;
                return current();
            }
            runnerUp = source;
            runnerUpTime = time;
        }
        if (runnerUp != null && runnerUpTime > newestTime) {
            String source2 = newest;
            long time2 = newestTime;
            newest = runnerUp;
            newestTime = runnerUpTime;
            runnerUp = source2;
            runnerUpTime = time2;
        }
        return current();
    }

    /** The newest time two sources agree on, or {@link #NONE}. */
    public long current() {
        return runnerUp == null ? NONE : runnerUpTime;
    }
}
