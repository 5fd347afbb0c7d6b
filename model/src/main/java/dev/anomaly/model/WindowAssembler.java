package dev.anomaly.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the last W events' feature values per host (Kafka key), so that each event can be scored with
 * its recent history. With W = 1 it keeps nothing.
 *
 * <p>Not thread-safe: one assembler per scoring thread (and, in the detector, per partition, so that a
 * rebalance can drop exactly the state of the partitions it takes away).
 */
public final class WindowAssembler {
    private final int window;
    private final int features;
    private final Map<String, History> histories = new HashMap<>();

    public WindowAssembler(FeatureSpec spec) {
        this.window = spec.window();
        this.features = spec.featureCount();
    }

    /**
     * Adds an event's values to its host's history and writes the host's window, oldest event first,
     * into {@code target} at {@code offset} ({@code window × features} values).
     *
     * @return true when the window is complete and was written; false while the host has fewer than W
     *     events of history
     */
    public boolean push(String key, double[] values, double[] target, int offset) {
        if (window == 1) {
            System.arraycopy(values, 0, target, offset, features);
            return true;
        }
        History history = histories.computeIfAbsent(key, k -> new History(window * features));
        history.add(values, features);
        if (history.count < window) {
            return false;
        }
        history.copyOldestFirst(target, offset, features, window);
        return true;
    }

    /** Forgets a host's history (a gap, or a partition taken away in a rebalance). */
    public void forget(String key) {
        histories.remove(key);
    }

    /** Forgets every host. */
    public void clear() {
        histories.clear();
    }

    /** Hosts with history. */
    public int hosts() {
        return histories.size();
    }

    /** A ring buffer of the last W events' values. */
    private static final class History {
        private final double[] values;
        private int next;
        private int count;

        History(int size) {
            this.values = new double[size];
        }

        void add(double[] event, int features) {
            System.arraycopy(event, 0, values, next * features, features);
            int slots = values.length / features;
            next = (next + 1) % slots;
            count = Math.min(count + 1, slots);
        }

        void copyOldestFirst(double[] target, int offset, int features, int window) {
            // `next` is the oldest slot once the ring is full.
            int firstPart = (window - next) * features;
            System.arraycopy(values, next * features, target, offset, firstPart);
            System.arraycopy(values, 0, target, offset + firstPart, next * features);
        }
    }
}
