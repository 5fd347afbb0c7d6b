package dev.anomaly.bench;

import dev.anomaly.common.chart.LineChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** {@code bench --scaling --plot DIR}: the scaling figures as three PNG charts. */
final class ScalingCharts {
    private ScalingCharts() {
    }

    /** @return the files written */
    static List<Path> write(ScalingResults scaling, Path directory) throws IOException {
        Path hosts = directory.resolve("scaling-hosts.png");
        Path memory = directory.resolve("scaling-memory.png");
        Path processes = directory.resolve("scaling-processes.png");
        byWindow(new LineChart("detect exactly-once: events/s by distinct hosts", "distinct hosts", "events/s",
                true), scaling, result -> result.eventsPerSecond()).write(hosts);
        byWindow(new LineChart("detect exactly-once: peak RSS by distinct hosts", "distinct hosts",
                "peak RSS (MB)", true), scaling, result -> result.peakRssKb() / 1024.0).write(memory);
        new LineChart("detect exactly-once: processes in one group", "detect processes", "events/s (all together)",
                false).add(new LineChart.Series("events/s", scaling.processes().stream()
                        .map(p -> new double[] {p.processes(), p.result().eventsPerSecond()}).toList()))
                .write(processes);
        return List.of(hosts, memory, processes);
    }

    private static LineChart byWindow(LineChart chart, ScalingResults scaling,
                                      ToDoubleFunction<ThroughputResult> figure) {
        scaling.hosts().stream().map(ScalingResults.HostPoint::window).distinct().forEach(window ->
                chart.add(new LineChart.Series("window " + window, scaling.hosts().stream()
                        .filter(point -> point.window() == window)
                        .map(point -> new double[] {point.hosts(), figure.applyAsDouble(point.result())}).toList())));
        return chart;
    }
}
