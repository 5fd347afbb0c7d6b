package dev.anomaly.common.chart;

/**
 * Where a {@link HostChart} puts things: one panel per feature, stacked, sharing the event axis; each panel
 * scaled to what it shows (values, expected values and the typical range). Public so a test can find a
 * flagged event's marker. Immutable.
 */
public final class ChartLayout {
    public static final int WIDTH = 1200;
    public static final int PANEL_HEIGHT = 140;
    static final int TOP = 40;
    static final int GAP = 26;
    static final int LEFT = 72;
    static final int RIGHT = 16;
    static final int BOTTOM = 30;

    private final int events;
    private final double[] low;
    private final double[] high;

    private ChartLayout(int events, double[] low, double[] high) {
        this.events = events;
        this.low = low;
        this.high = high;
    }

    /** The layout of {@code series}: each feature's range covers everything its panel draws, plus a margin. */
    public static ChartLayout of(HostSeries series) {
        int features = series.features().size();
        double[] low = new double[features];
        double[] high = new double[features];
        for (int f = 0; f < features; f++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < series.size(); i++) {
                for (float v : new float[] {series.value(i, f), series.expected(i, f), series.typicalLow(i, f),
                    series.typicalHigh(i, f)}) {
                    if (Float.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (!(min <= max)) {
                min = 0;
                max = 1;
            }
            double margin = max > min ? 0.05 * (max - min) : Math.max(1, Math.abs(min) * 0.05);
            low[f] = min - margin;
            high[f] = max + margin;
        }
        return new ChartLayout(series.size(), low, high);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return TOP + low.length * (PANEL_HEIGHT + GAP) + BOTTOM;
    }

    /** Top edge of feature {@code feature}'s panel. */
    public int panelTop(int feature) {
        return TOP + feature * (PANEL_HEIGHT + GAP);
    }

    /** The pixel column of event {@code event}: the events spread evenly across the plot, in their order. */
    public int x(int event) {
        int plot = WIDTH - LEFT - RIGHT;
        return events <= 1 ? LEFT + plot / 2 : LEFT + (int) Math.round((double) event * (plot - 1) / (events - 1));
    }

    /** The pixel row of {@code value} in feature {@code feature}'s panel (larger values higher). */
    public int y(int feature, double value) {
        double share = (value - low[feature]) / (high[feature] - low[feature]);
        int offset = (int) Math.round(Math.max(0, Math.min(1, share)) * (PANEL_HEIGHT - 1));
        return panelTop(feature) + PANEL_HEIGHT - 1 - offset;
    }

    /** The lowest value feature {@code feature}'s panel shows. */
    public double low(int feature) {
        return low[feature];
    }

    public double high(int feature) {
        return high[feature];
    }
}
