package dev.anomaly.common.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws one host's scored events: per feature its values over time, the value the model expected, the host's
 * typical range as a band, every flagged event as a red dot, and labelled episodes shaded when the data has
 * ground truth. People read a chart faster than a table.
 *
 * <p>Text needs the platform's fonts; on a machine without any the chart is drawn without its words rather
 * than not at all. Not thread-safe (one per thread).
 */
public final class HostChart {
    static {
        // A chart is drawn off screen, also on a machine with a display.
        System.setProperty("java.awt.headless", "true");
    }

    /** A flagged event's dot, drawn last, so its centre pixel is exactly this. */
    public static final Color FLAGGED = new Color(220, 0, 0);
    /** The values' line. */
    public static final Color VALUE = new Color(31, 78, 140);
    /** The expected values' line (dashed). */
    public static final Color EXPECTED = new Color(230, 140, 20);
    static final Color TYPICAL = new Color(200, 225, 205);
    static final Color EPISODE = new Color(255, 226, 226);
    static final Color FRAME = new Color(170, 170, 170);
    static final Color TEXT = new Color(40, 40, 40);
    static final int DOT_RADIUS = 3;

    private boolean fontsWork = true;

    public BufferedImage render(HostSeries series) {
        ChartLayout layout = ChartLayout.of(series);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            // Without antialiasing every mark has exactly its colour: crisp enough, and checkable pixel by pixel.
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            text(g, String.format(Locale.ROOT, "%s: %,d of %,d events flagged%s", series.host(), series.anomalies(),
                    series.size(), series.firstTime() == null ? "" : ", " + series.firstTime() + " to "
                    + series.lastTime()), ChartLayout.LEFT, 18, Font.BOLD, TEXT);
            legend(g, layout.height() - 9, hasLabels(series));
            for (int f = 0; f < series.features().size(); f++) {
                panel(g, series, layout, f);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void panel(Graphics2D g, HostSeries series, ChartLayout layout, int feature) {
        int top = layout.panelTop(feature);
        int left = ChartLayout.LEFT;
        int right = layout.width() - ChartLayout.RIGHT;
        int bottom = top + ChartLayout.PANEL_HEIGHT;
        for (int i = 0; i < series.size(); i++) {
            int x = layout.x(i);
            int next = i + 1 < series.size() ? layout.x(i + 1) : x + 1;
            if (series.label(i) != null) {
                g.setColor(EPISODE);
                g.fillRect(x, top, Math.max(1, next - x), ChartLayout.PANEL_HEIGHT);
            }
            float low = series.typicalLow(i, feature);
            float high = series.typicalHigh(i, feature);
            if (Float.isFinite(low) && Float.isFinite(high)) {
                int yHigh = layout.y(feature, Math.max(low, high));
                g.setColor(TYPICAL);
                g.fillRect(x, yHigh, Math.max(1, next - x), layout.y(feature, Math.min(low, high)) - yHigh + 1);
            }
        }
        g.setColor(FRAME);
        g.drawRect(left, top, right - left - 1, ChartLayout.PANEL_HEIGHT - 1);
        line(g, series, layout, feature, true);
        line(g, series, layout, feature, false);
        g.setColor(FLAGGED);
        // Smaller dots where events are denser than pixels, so the flags do not hide the series.
        int radius = series.size() > ChartLayout.WIDTH ? DOT_RADIUS - 1 : DOT_RADIUS;
        for (int i = 0; i < series.size(); i++) {
            float value = series.value(i, feature);
            if (series.flagged(i) && Float.isFinite(value)) {
                g.fillOval(layout.x(i) - radius, layout.y(feature, value) - radius, 2 * radius + 1, 2 * radius + 1);
            }
        }
        text(g, series.features().get(feature), left + 4, top - 6, Font.BOLD, TEXT);
        text(g, number(layout.high(feature)), 4, top + 12, Font.PLAIN, TEXT);
        text(g, number(layout.low(feature)), 4, bottom - 2, Font.PLAIN, TEXT);
    }

    /** The values (or the expected values), broken where there is none. */
    private static void line(Graphics2D g, HostSeries series, ChartLayout layout, int feature, boolean expected) {
        Path2D.Float path = new Path2D.Float();
        boolean open = false;
        for (int i = 0; i < series.size(); i++) {
            float value = expected ? series.expected(i, feature) : series.value(i, feature);
            if (!Float.isFinite(value)) {
                open = false;
                continue;
            }
            if (open) {
                path.lineTo(layout.x(i), layout.y(feature, value));
            } else {
                path.moveTo(layout.x(i), layout.y(feature, value));
                open = true;
            }
        }
        g.setColor(expected ? EXPECTED : VALUE);
        g.setStroke(expected ? new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
                new float[] {5, 3}, 0) : new BasicStroke(1));
        g.draw(path);
        g.setStroke(new BasicStroke(1));
    }

    private static boolean hasLabels(HostSeries series) {
        for (int i = 0; i < series.size(); i++) {
            if (series.label(i) != null) {
                return true;
            }
        }
        return false;
    }

    private void legend(Graphics2D g, int baseline, boolean episodes) {
        int x = ChartLayout.LEFT;
        Object[][] keys = {{VALUE, "value"}, {EXPECTED, "expected"}, {TYPICAL, "typical range"},
            {FLAGGED, "flagged"}, {EPISODE, "labelled episode"}};
        for (Object[] key : episodes ? keys : java.util.Arrays.copyOf(keys, keys.length - 1)) {
            g.setColor((Color) key[0]);
            g.fillRect(x, baseline - 9, 12, 10);
            text(g, (String) key[1], x + 16, baseline, Font.PLAIN, TEXT);
            x += 120;
        }
    }

    /** Draws {@code text}, or nothing once the platform has shown it has no usable font. */
    private void text(Graphics2D g, String text, int x, int y, int style, Color color) {
        if (!fontsWork) {
            return;
        }
        try {
            g.setColor(color);
            g.setFont(new Font(Font.SANS_SERIF, style, 11));
            g.drawString(text, x, y);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // A JDK without fonts fails in its font manager, in any way: an Error "No fonts found", an
            // InternalError, a NullPointerException, a library it cannot link. The chart goes on without words.
            fontsWork = false;
        }
    }

    /** At most 10 characters, so the label stays in the left margin, clear of the dots. */
    private static String number(double value) {
        return Math.abs(value) >= 1e5 ? String.format(Locale.ROOT, "%.3e", value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
