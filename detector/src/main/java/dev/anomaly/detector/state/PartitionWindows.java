package dev.anomaly.detector.state;

import dev.anomaly.common.event.ParsedRecord;
import dev.anomaly.common.time.SkewTolerantWatermark;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The windows of the hosts of one input partition, with the partition's event time.
 *
 * <p>A host idle for the idle timeout starts again as new: when its next event comes more than the timeout
 * after its last one, or when the partition's event time ({@link SkewTolerantWatermark}, so one host's
 * skewed clock cannot age every other host) has moved more than the timeout past it. Both rules depend only
 * on the order of the partition's records, so the output is the same however the records were batched,
 * and whether or not an idle host was already removed from memory. Idle hosts are removed a few at a time
 * after each batch, so memory follows the hosts that are active, not every key ever seen.
 *
 * <p>Every change since the last {@link #drainChanges} is remembered, so the caller can write it to the
 * changelog in the batch's transaction. Not thread-safe.
 */
public final class PartitionWindows {
    /** Hosts examined for eviction per batch, at least; more when the batch was larger. */
    private static final int MIN_EVICTION_SCAN = 64;

    private final int window;
    private final int features;
    private final int fingerprint;
    private final long idleMillis;
    private final LikelihoodSettings likelihood;
    private final TypicalLimits typicalLimits;
    /** Access order: the hosts least recently seen come first, where eviction looks. */
    private final LinkedHashMap<String, HostHistory> hosts = new LinkedHashMap<>(16, 0.75f, true);
    private final SkewTolerantWatermark watermark = new SkewTolerantWatermark();
    /** Hosts changed since the last drain; null marks a host removed. */
    private final Map<String, HostHistory> changed = new LinkedHashMap<>();
    private int pushedSinceEviction;

    /** @param likelihood null: no error baselines */
    PartitionWindows(int window, int features, int fingerprint, long idleMillis, LikelihoodSettings likelihood,
                     TypicalLimits typicalLimits) {
        this.typicalLimits = typicalLimits;
        this.window = window;
        this.features = features;
        this.fingerprint = fingerprint;
        this.idleMillis = idleMillis;
        this.likelihood = likelihood;
    }

    /**
     * Adds a host's event and, once the host has W events, writes its window (oldest first) to
     * {@code target} at {@code offset}.
     *
     * @param time the event's time in epoch milliseconds, or {@link ParsedRecord#NO_TIME}
     * @param scaling the model's per-host scaling, or null
     * @param typicalBefore null, or receives the host's typical range before this event (see
     *     {@link HostWindows#push(int, String, double[], long, double[], double[])})
     * @return the host's state: whether a full window was written, and its error baseline
     */
    HostState push(String host, double[] values, long time, double[] target, int offset, Scaling scaling,
                   double[] typicalBefore) {
        HostHistory history = hosts.get(host);
        if (history != null && time != ParsedRecord.NO_TIME && isIdle(history, time)) {
            history = null;
        }
        if (history == null) {
            history = new HostHistory(window, features, time, likelihood, scaling, host);
            hosts.put(host, history);
        }
        boolean full = history.push(values, time, typicalBefore, typicalLimits);
        if (time != ParsedRecord.NO_TIME) {
            watermark.observe(host, history.lastSeen());
        }
        changed.put(host, history);
        pushedSinceEviction++;
        if (full) {
            history.copyOldestFirst(target, offset);
        }
        return history;
    }

    private boolean isIdle(HostHistory history, long time) {
        long last = history.lastSeen();
        if (last == ParsedRecord.NO_TIME) {
            return false;
        }
        if (saturatingSubtract(time, last) > idleMillis) {
            return true;
        }
        long now = watermark.current();
        return now != SkewTolerantWatermark.NONE && last < saturatingSubtract(now, idleMillis);
    }

    /**
     * Removes idle hosts from memory: scans from the least recently seen, moving the hosts that are not
     * idle to the back, so that one long-lived host cannot shield the idle ones behind it.
     */
    void evictIdle() {
        long now = watermark.current();
        int budget = Math.max(MIN_EVICTION_SCAN, 2 * pushedSinceEviction);
        pushedSinceEviction = 0;
        if (now == SkewTolerantWatermark.NONE) {
            return;
        }
        long cutoff = saturatingSubtract(now, idleMillis);
        for (int examined = 0; examined < budget && !hosts.isEmpty(); examined++) {
            Iterator<Map.Entry<String, HostHistory>> first = hosts.entrySet().iterator();
            Map.Entry<String, HostHistory> oldest = first.next();
            long last = oldest.getValue().lastSeen();
            if (last != ParsedRecord.NO_TIME && last < cutoff) {
                first.remove();
                changed.put(oldest.getKey(), null);
            } else {
                hosts.get(oldest.getKey());
            }
        }
    }

    /** Hands every host changed since the last call to {@code sink} (null value: removed), and forgets them. */
    void drainChanges(ChangeSink sink) {
        for (Map.Entry<String, HostHistory> change : changed.entrySet()) {
            HostHistory history = change.getValue();
            sink.changed(change.getKey(), history == null ? null : history.encode(fingerprint));
        }
        changed.clear();
    }

    /** Applies one changelog record while restoring; records of another feature spec are ignored. */
    void restore(String host, byte[] value, Scaling scaling) {
        HostHistory history = value == null ? null : HostHistory.decode(value, fingerprint, window, features,
                likelihood, scaling, host);
        if (history == null) {
            hosts.remove(host);
        } else {
            hosts.put(host, history);
        }
    }

    /** After the last {@link #restore}: the watermark is rebuilt from the hosts' last times. */
    void restored() {
        hosts.forEach((host, history) -> {
            if (history.lastSeen() != ParsedRecord.NO_TIME) {
                watermark.observe(host, history.lastSeen());
            }
        });
    }

    /** Hosts held in memory. */
    int hosts() {
        return hosts.size();
    }

    private static long saturatingSubtract(long a, long b) {
        long result = a - b;
        // Overflow iff the operands have different signs and the result's sign differs from a's.
        if (((a ^ b) & (a ^ result)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return result;
    }

    /** Receives the changes of a partition's hosts. */
    @FunctionalInterface
    interface ChangeSink {
        void changed(String host, byte[] stateOrNull);
    }
}
