package dev.anomaly.trainer.report;

import dev.anomaly.model.AutoencoderFactory;
import dev.anomaly.model.AutoencoderModel;
import dev.anomaly.model.ModelFamily;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.TrainingSummary;
import dev.anomaly.common.time.Durations;
import dev.anomaly.trainer.pipeline.TrainingOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The final summary of {@code anomaly train}: what was trained on, how it went, where it is. */
public final class TrainingSummaryPrinter {
    private TrainingSummaryPrinter() {
    }

    public static List<String> lines(TrainingOutcome outcome, Path modelJson, double elapsedSeconds) {
        ModelMetadata metadata = outcome.metadata();
        TrainingSummary training = metadata.training();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Trained model %s in %.1f s", metadata.version(), elapsedSeconds));
        lines.add(String.format(Locale.ROOT, "  samples    %,d (%,d training, %,d held out); %,d labelled events "
                + "excluded", training.samples(), training.trainSamples(), training.validationSamples(),
                training.excludedLabelled()));
        String seasonality = metadata.seasonality().isNone() ? "no time-of-cycle inputs"
                : "time of cycle for " + metadata.seasonality().periods().stream().map(Durations::format)
                        .collect(Collectors.joining(", ")) + " (" + metadata.seasonalityMode() + ")";
        lines.add(String.format(Locale.ROOT, "  inputs     %s%s, %s scaler; %s", String.join(",",
                metadata.spec().features()), metadata.spec().window() > 1 ? " × window " + metadata.spec().window()
                : "", metadata.scaler().kind().id(), seasonality));
        if (metadata.family() == ModelFamily.AUTOENCODER) {
            double noise = AutoencoderModel.inputNoise(metadata.parameters());
            lines.add("  network    " + AutoencoderFactory.shape(metadata.layout().inputs(), metadata.layers()).stream()
                    .map(String::valueOf).collect(Collectors.joining("-"))
                    + (noise > 0 ? ", denoising (input noise " + trim(noise) + ")" : ""));
            lines.add(String.format(Locale.ROOT,
                    "  epochs     %d of %d%s, best %d; loss %.4g training%s, %s validation",
                    training.epochsRun(), training.epochs(), outcome.history().stoppedEarly() ? " (early stop)" : "",
                    training.bestEpoch(), training.trainLoss(), noise > 0 ? " (noisy inputs)" : "",
                    format(training.validationLoss())));
        } else {
            lines.add("  model      " + metadata.family().id() + " " + metadata.parameters());
        }
        lines.add(String.format(Locale.ROOT, "  threshold  %.4g = %sth percentile of training errors; held-out "
                + "false alarms %s (target %.1f%%)", metadata.threshold(), trim(metadata.percentile()),
                Double.isFinite(training.validationFalseAlarmRate())
                        ? String.format(Locale.ROOT, "%.1f%%", 100 * training.validationFalseAlarmRate()) : "n/a",
                100 - metadata.percentile()));
        lines.add("  bundle     " + modelJson);
        return lines;
    }

    private static String format(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "n/a";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
