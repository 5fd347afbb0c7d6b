package dev.anomaly.common.chart;

import java.util.Arrays;
import java.util.List;

/**
 * One host's scored events, in their order, as a chart draws them: per feature its values, what the model
 * expected and the host's typical range (NaN where there was none), and per event whether it was flagged and
 * its ground-truth label (null when it has none). Filled by {@link ScoredCsvCharts}; mutable while filled.
 */
public final class HostSeries {
    private final String host;
    private final List<String> features;
    private float[] values = new float[0];
    private float[] expected = new float[0];
    private float[] typicalLow = new float[0];
    private float[] typicalHigh = new float[0];
    private boolean[] flagged = new boolean[0];
    private String[] labels = new String[0];
    private String firstTime;
    private String lastTime;
    private int size;
    private int anomalies;

    public HostSeries(String host, List<String> features) {
        this.host = host;
        this.features = List.copyOf(features);
    }

    /**
     * Adds an event.
     *
     * @param row per feature: value, expected, typical low, typical high (4 × features, NaN where unknown)
     */
    public void add(String time, float[] row, boolean isFlagged, String label) {
        int width = features.size();
        if (size == flagged.length) {
            int capacity = Math.max(64, 2 * size);
            values = Arrays.copyOf(values, capacity * width);
            expected = Arrays.copyOf(expected, capacity * width);
            typicalLow = Arrays.copyOf(typicalLow, capacity * width);
            typicalHigh = Arrays.copyOf(typicalHigh, capacity * width);
            flagged = Arrays.copyOf(flagged, capacity);
            labels = Arrays.copyOf(labels, capacity);
        }
        for (int f = 0; f < width; f++) {
            values[size * width + f] = row[4 * f];
            expected[size * width + f] = row[4 * f + 1];
            typicalLow[size * width + f] = row[4 * f + 2];
            typicalHigh[size * width + f] = row[4 * f + 3];
        }
        flagged[size] = isFlagged;
        labels[size] = label == null || label.isBlank() ? null : label;
        firstTime = firstTime == null ? time : firstTime;
        lastTime = time;
        anomalies += isFlagged ? 1 : 0;
        size++;
    }

    public String host() {
        return host;
    }

    public List<String> features() {
        return features;
    }

    public int size() {
        return size;
    }

    /** Flagged events. */
    public int anomalies() {
        return anomalies;
    }

    public float value(int event, int feature) {
        return values[event * features.size() + feature];
    }

    public float expected(int event, int feature) {
        return expected[event * features.size() + feature];
    }

    public float typicalLow(int event, int feature) {
        return typicalLow[event * features.size() + feature];
    }

    public float typicalHigh(int event, int feature) {
        return typicalHigh[event * features.size() + feature];
    }

    public boolean flagged(int event) {
        return flagged[event];
    }

    /** The event's ground-truth label, or null. */
    public String label(int event) {
        return labels[event];
    }

    /** The first event's time as written, or null without a time column. */
    public String firstTime() {
        return firstTime;
    }

    public String lastTime() {
        return lastTime;
    }
}
