package dev.anomaly.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** {@code bench --scaling --plot DIR}: the scaling figures as three PNG charts, drawn as train draws its own. */
final class ScalingCharts {
    static final List<String> FILES = List.of("scaling-hosts.png", "scaling-memory.png", "scaling-processes.png");

    private ScalingCharts() {
    }

    /**
     * Draws a small chart in memory, so that a machine that cannot draw (no fonts, a broken display) is found
     * out before the measurements, not after them.
     *
     * @throws IllegalStateException naming what failed
     */
    static void checkCanDraw() {
        headless();
        try {
            XYChart chart = chart("check", "x", "y", false);
            chart.addSeries("check", new double[] {1, 2}, new double[] {1, 2});
            BitmapEncoder.getBufferedImage(chart);
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("cannot draw charts on this machine (" + e + "); leave --plot out",
                    e);
        }
    }

    /** @return the files written */
    static List<Path> write(ScalingResults scaling, Path directory) throws IOException {
        headless();
        Path hosts = directory.resolve(FILES.get(0));
        Path memory = directory.resolve(FILES.get(1));
        Path processes = directory.resolve(FILES.get(2));
        save(byWindow(chart("detect exactly-once: events/s by distinct hosts", "distinct hosts", "events/s", true),
                scaling, ThroughputResult::eventsPerSecond), hosts);
        save(byWindow(chart("detect exactly-once: peak RSS by distinct hosts", "distinct hosts", "peak RSS (MB)",
                true), scaling, result -> result.peakRssKb() / 1024.0), memory);
        XYChart byProcesses = chart("detect exactly-once: processes in one group", "detect processes",
                "events/s (all together)", false);
        if (!scaling.processes().isEmpty()) {
            byProcesses.addSeries("events/s", scaling.processes().stream().mapToDouble(p -> p.processes()).toArray(),
                    scaling.processes().stream().mapToDouble(p -> p.result().eventsPerSecond()).toArray());
        }
        save(byProcesses, processes);
        return List.of(hosts, memory, processes);
    }

    private static XYChart byWindow(XYChart chart, ScalingResults scaling, ToDoubleFunction<ThroughputResult> figure) {
        scaling.hosts().stream().map(ScalingResults.HostPoint::window).distinct().forEach(window -> {
            List<ScalingResults.HostPoint> series = scaling.hosts().stream().filter(p -> p.window() == window)
                    .toList();
            chart.addSeries("window " + window, series.stream().mapToDouble(p -> p.hosts()).toArray(),
                    series.stream().mapToDouble(p -> figure.applyAsDouble(p.result())).toArray());
        });
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle, boolean logX) {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        return chart;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void headless() {
        // Charts render off-screen; cron and CI have no display.
        System.setProperty("java.awt.headless", "true");
    }
}
