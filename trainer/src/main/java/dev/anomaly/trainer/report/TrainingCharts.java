package dev.anomaly.trainer.report;

import dev.anomaly.trainer.pipeline.TrainingOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The two charts an operator looks at after training: the loss curves, and the histogram of training
 * errors with the threshold marked.
 */
public final class TrainingCharts {
    public static final String LOSS_FILE = "loss.png";
    public static final String ERRORS_FILE = "errors.png";
    private static final int BINS = 60;

    private TrainingCharts() {
    }

    /** Writes both charts into {@code directory}; returns their paths. */
    public static List<Path> write(TrainingOutcome outcome, Path directory) throws IOException {
        // Charts render off-screen; cron and CI have no display.
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(directory);
        Path errors = directory.resolve(ERRORS_FILE);
        BitmapEncoder.saveBitmap(errorChart(outcome), errors.toString(), BitmapEncoder.BitmapFormat.PNG);
        if (outcome.history().epochsRun() == 0) {
            // A forest has no epochs, so no loss curve.
            return List.of(errors);
        }
        Path loss = directory.resolve(LOSS_FILE);
        BitmapEncoder.saveBitmap(lossChart(outcome), loss.toString(), BitmapEncoder.BitmapFormat.PNG);
        return List.of(loss, errors);
    }

    private static XYChart lossChart(TrainingOutcome outcome) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Training loss, model " + outcome.metadata().version())
                .xAxisTitle("epoch").yAxisTitle("loss (MSE over all inputs)").build();
        List<Integer> epochs = new ArrayList<>();
        for (int i = 1; i <= outcome.history().epochsRun(); i++) {
            epochs.add(i);
        }
        chart.addSeries("training", epochs, outcome.history().trainLoss()).setMarker(SeriesMarkers.NONE);
        if (outcome.history().validationLoss().stream().allMatch(Double::isFinite)) {
            chart.addSeries("validation", epochs, outcome.history().validationLoss()).setMarker(SeriesMarkers.NONE);
        }
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static XYChart errorChart(TrainingOutcome outcome) {
        double threshold = outcome.metadata().threshold();
        double[] errors = outcome.trainingErrors();
        double max = 0;
        for (double error : errors) {
            max = Math.max(max, error);
        }
        // Show the bulk of the distribution and the threshold, not a long tail squeezed to one bar.
        double upper = Math.max(threshold * 2, Math.min(max, threshold * 4));
        double width = upper / BINS;
        double[] counts = new double[BINS];
        for (double error : errors) {
            counts[(int) Math.min(BINS - 1, Math.floor(error / width))]++;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double peak = 0;
        for (int bin = 0; bin < BINS; bin++) {
            x.add(bin * width);
            y.add(counts[bin]);
            x.add((bin + 1) * width);
            y.add(counts[bin]);
            peak = Math.max(peak, counts[bin]);
        }
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title(String.format(Locale.ROOT, "Training errors, threshold %.4g (%sth percentile)", threshold,
                        trim(outcome.metadata().percentile())))
                .xAxisTitle(outcome.metadata().family() == dev.anomaly.model.ModelFamily.AUTOENCODER
                        ? "reconstruction error (MSE over scaled features)" : "isolation error c(psi)/E[h(x)]")
                .yAxisTitle("events").build();
        XYSeries histogram = chart.addSeries("training events", x, y);
        histogram.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        histogram.setMarker(SeriesMarkers.NONE);
        XYSeries line = chart.addSeries("threshold", List.of(threshold, threshold), List.of(0.0, peak * 1.05));
        line.setMarker(SeriesMarkers.NONE);
        line.setLineWidth(3f);
        line.setLineColor(java.awt.Color.RED);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
