package dev.anomaly.detector.state;

import java.nio.ByteBuffer;

/**
 * One host's recent events: a ring of its last W feature vectors, and the newest event time it reported
 * (which decides when the host counts as idle). Mutable; owned by {@link PartitionWindows}.
 */
final class HostHistory {
    private static final byte FORMAT = 1;
    /** Format, spec fingerprint, last seen, count. */
    private static final int HEADER_BYTES = 1 + 4 + 8 + 4;

    private final double[] values;
    private final int features;
    private int next;
    private int count;
    private long lastSeen;

    HostHistory(int window, int features, long firstSeen) {
        this.values = new double[window * features];
        this.features = features;
        this.lastSeen = firstSeen;
    }

    long lastSeen() {
        return lastSeen;
    }

    /**
     * Adds an event.
     *
     * @return whether the ring now holds a full window
     */
    boolean push(double[] event, long time) {
        System.arraycopy(event, 0, values, next * features, features);
        int slots = values.length / features;
        next = (next + 1) % slots;
        count = Math.min(count + 1, slots);
        lastSeen = Math.max(lastSeen, time);
        return count == slots;
    }

    /** Writes the window, oldest event first; only valid when the ring is full. */
    void copyOldestFirst(double[] target, int offset) {
        // `next` is the oldest slot once the ring is full.
        int firstPart = values.length - next * features;
        System.arraycopy(values, next * features, target, offset, firstPart);
        System.arraycopy(values, 0, target, offset + firstPart, next * features);
    }

    /** The history as a changelog value: the events held, oldest first. */
    byte[] encode(int fingerprint) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + count * features * Double.BYTES);
        buffer.put(FORMAT).putInt(fingerprint).putLong(lastSeen).putInt(count);
        int slots = values.length / features;
        int oldest = count == slots ? next : 0;
        for (int i = 0; i < count; i++) {
            int slot = (oldest + i) % slots;
            for (int f = 0; f < features; f++) {
                buffer.putDouble(values[slot * features + f]);
            }
        }
        return buffer.array();
    }

    /**
     * Reads a changelog value written by {@link #encode}.
     *
     * @return null when it was written for another feature spec (a model switch) or is unreadable
     */
    static HostHistory decode(byte[] bytes, int fingerprint, int window, int features) {
        if (bytes == null || bytes.length < HEADER_BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.get() != FORMAT || buffer.getInt() != fingerprint) {
            return null;
        }
        long lastSeen = buffer.getLong();
        int count = buffer.getInt();
        if (count < 0 || count > window || buffer.remaining() != count * features * Double.BYTES) {
            return null;
        }
        HostHistory history = new HostHistory(window, features, lastSeen);
        double[] event = new double[features];
        for (int i = 0; i < count; i++) {
            for (int f = 0; f < features; f++) {
                event[f] = buffer.getDouble();
            }
            history.push(event, lastSeen);
        }
        return history;
    }
}
