package dev.anomaly.common.chart;

import dev.anomaly.common.io.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A plain line chart as a PNG, drawn with Java2D (headless, no chart library): a title, labelled axes (a tick
 * at every x of the data, round ticks on y from 0), the x axis optionally logarithmic, one coloured line with
 * dots per series and a legend. For a handful of measured points, as the bench's scaling figures.
 */
public final class LineChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;
    private static final int LEFT = 100;
    private static final int RIGHT = 40;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e)};

    /** One line: its name in the legend and its points in x order. */
    public record Series(String name, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    /** Adds a line; one without points is left out. */
    public LineChart add(Series line) {
        if (!line.points().isEmpty()) {
            series.add(line);
        }
        return this;
    }

    /** Writes the chart as a PNG, atomically; missing parent directories are created. */
    public void write(Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("this JVM has no PNG writer");
            }
        });
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, LEFT, TOP - 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));

        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = 0;
        for (Series line : series) {
            for (double[] point : line.points()) {
                xMin = Math.min(xMin, x(point[0]));
                xMax = Math.max(xMax, x(point[0]));
                yMax = Math.max(yMax, point[1]);
            }
        }
        if (series.isEmpty()) {
            g.drawString("nothing measured", LEFT, HEIGHT / 2);
            return;
        }
        if (xMax == xMin) {
            xMin -= 1;
            xMax += 1;
        }
        double yStep = niceStep(yMax <= 0 ? 1 : yMax / 5);
        double yTop = Math.max(yStep, Math.ceil(yMax * 1.05 / yStep) * yStep);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        FontMetrics metrics = g.getFontMetrics();

        g.setColor(new Color(0xdddddd));
        for (double y = 0; y <= yTop + yStep / 2; y += yStep) {
            int py = TOP + plotHeight - (int) Math.round(y / yTop * plotHeight);
            g.drawLine(LEFT, py, LEFT + plotWidth, py);
            g.setColor(Color.BLACK);
            String label = number(y);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), py + metrics.getAscent() / 2);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.BLACK);
        List<Double> ticks = new ArrayList<>();
        series.forEach(line -> line.points().forEach(point -> {
            if (!ticks.contains(point[0])) {
                ticks.add(point[0]);
            }
        }));
        for (double tick : ticks) {
            int px = LEFT + (int) Math.round((x(tick) - xMin) / (xMax - xMin) * plotWidth);
            g.drawLine(px, TOP + plotHeight, px, TOP + plotHeight + 5);
            String label = number(tick);
            g.drawString(label, px - metrics.stringWidth(label) / 2, TOP + plotHeight + 20);
        }
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        String xTitle = xLabel + (logX ? " (log scale)" : "");
        g.drawString(xTitle, LEFT + (plotWidth - metrics.stringWidth(xTitle)) / 2, HEIGHT - 20);
        Graphics2D vertical = (Graphics2D) g.create();
        vertical.rotate(-Math.PI / 2);
        vertical.drawString(yLabel, -(TOP + (plotHeight + metrics.stringWidth(yLabel)) / 2), 25);
        vertical.dispose();

        g.setStroke(new BasicStroke(2.5f));
        int legendY = TOP + 10;
        for (int i = 0; i < series.size(); i++) {
            Series line = series.get(i);
            g.setColor(COLOURS[i % COLOURS.length]);
            int previousX = -1;
            int previousY = -1;
            for (double[] point : line.points()) {
                int px = LEFT + (int) Math.round((x(point[0]) - xMin) / (xMax - xMin) * plotWidth);
                int py = TOP + plotHeight - (int) Math.round(point[1] / yTop * plotHeight);
                g.fillOval(px - 4, py - 4, 9, 9);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, px, py);
                }
                previousX = px;
                previousY = py;
            }
            int legendX = LEFT + plotWidth - 220;
            g.drawLine(legendX, legendY, legendX + 25, legendY);
            g.setColor(Color.BLACK);
            g.drawString(line.name(), legendX + 32, legendY + metrics.getAscent() / 2 - 1);
            legendY += 20;
        }
    }

    private double x(double value) {
        return logX ? Math.log10(Math.max(value, 1e-9)) : value;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    public static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= rough) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String number(double value) {
        if (Math.abs(value) >= 1_000_000 && value % 1_000_000 == 0) {
            return String.format(Locale.ROOT, "%,.0fM", value / 1_000_000);
        }
        if (Math.abs(value) >= 10_000 && value % 1000 == 0) {
            return String.format(Locale.ROOT, "%,.0fk", value / 1000);
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.2f", value);
    }
}
