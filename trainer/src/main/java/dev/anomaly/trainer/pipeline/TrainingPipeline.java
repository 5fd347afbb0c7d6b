package dev.anomaly.trainer.pipeline;

import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.time.Durations;
import dev.anomaly.model.EpochListener;
import dev.anomaly.model.FeatureRanges;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.HostBaselines;
import dev.anomaly.model.InputLayout;
import dev.anomaly.model.InputMatrix;
import dev.anomaly.model.ModelFamily;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.Percentile;
import dev.anomaly.model.Scaler;
import dev.anomaly.model.Seasonality;
import dev.anomaly.model.SeasonalityDetector;
import dev.anomaly.model.TimedSample;
import dev.anomaly.model.TrainingSummary;
import dev.anomaly.model.WindowAssembler;
import dev.anomaly.trainer.source.CollectedData;
import dev.anomaly.trainer.source.TrainingEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * From collected events to a trained model: windows per host, seasonality, a held-out split, the scaler
 * (fitted on the training split only), the network, and the threshold at the chosen percentile of the
 * training errors. Reports what an operator should check: short training spans, a bottleneck that learns
 * the identity, held-out false alarms far from the target.
 */
public final class TrainingPipeline {
    /** Fewer windows than this cannot give a meaningful threshold. */
    public static final int MIN_SAMPLES = 20;
    /** A median training error below this means the network copies its input. */
    static final double NEAR_ZERO_ERROR = 1e-3;
    /**
     * The lowest threshold, in squared scaled units: differences a millionth of a unit (a thousandth of a
     * standard deviation) are never anomalies, and a model of constant features still has a threshold.
     */
    static final double MIN_THRESHOLD = 1e-6;

    private TrainingPipeline() {
    }

    public static TrainingOutcome run(CollectedData data, TrainingSettings settings, EpochListener listener) {
        long started = System.nanoTime();
        FeatureSpec spec = settings.spec();
        List<String> warnings = new ArrayList<>();
        List<TimedSample> windows = assembleWindows(data.events(), spec);
        if (windows.size() < MIN_SAMPLES) {
            throw new ExitException(ExitCode.NOT_ENOUGH_SAMPLES, "only " + windows.size() + " complete "
                    + (spec.window() > 1 ? "windows of " + spec.window() + " normal events" : "normal events")
                    + " from " + data.description() + "; at least " + MIN_SAMPLES + " are needed");
        }
        SeasonalityDetector.Result detected = SeasonalityDetector.detect(normalEvents(data.events()),
                spec.featureCount());
        Seasonality seasonality = chooseSeasonality(settings.seasonality(), detected, warnings);

        HeldOutSplit split = HeldOutSplit.shuffled(windows.size(), settings.validationShare(),
                settings.training().seed());
        double[][] rawTrainingEvents = lastEvents(windows, split.training(), spec);
        // Plausible values are judged as they arrive, before any per-host scaling.
        FeatureRanges ranges = FeatureRanges.of(rawTrainingEvents, spec.featureCount());
        List<TrainingEvent> events = data.events();
        HostBaselines hostBaselines = null;
        double[][] trainingEvents = rawTrainingEvents;
        if (settings.perHostScaling()) {
            Scaler raw = Scaler.fit(settings.scaler(), rawTrainingEvents, spec.featureCount());
            PerHostScaling.Result scaled = PerHostScaling.replay(events, spec.featureCount(), settings.baselineStep(),
                    raw);
            events = scaled.events();
            hostBaselines = scaled.baselines();
            windows = assembleWindows(events, spec);
            trainingEvents = lastEvents(windows, split.training(), spec);
        }
        Scaler scaler = Scaler.fit(settings.scaler(), trainingEvents, spec.featureCount());
        boolean allConstant = warnAboutConstantFeatures(spec, ranges, warnings);
        InputLayout layout = new InputLayout(spec, scaler, seasonality);
        TrainingInputs inputs = new TrainingInputs(spec, layout, events, encode(windows, split.training(), layout),
                encode(windows, split.validation(), layout));

        FamilyFit fit = FamilyTrainer.of(settings.family()).fit(inputs, settings, listener);
        double threshold = Percentile.of(fit.trainingErrors(), settings.percentile());
        if (!(threshold > 0) && !allConstant) {
            throw ExitException.failure("the training errors are all zero: the network reproduces its input "
                    + "exactly, so no threshold can separate anomalies; use a narrower bottleneck (--layers)");
        }
        // A flat line reconstructs exactly; its threshold must still be a number that errors can exceed.
        threshold = Math.max(threshold, MIN_THRESHOLD);
        double[] validationErrors = fit.validationErrors();
        double falseAlarms = validationErrors.length > 0 ? Percentile.shareAbove(validationErrors, threshold)
                : Double.NaN;
        if (settings.family() == ModelFamily.AUTOENCODER && !allConstant) {
            checkFit(fit.trainingErrors(), falseAlarms, settings.percentile(), fit.layers(), layout,
                    settings.effectiveInputNoise(layout.inputs()), warnings);
        } else {
            checkFalseAlarms(falseAlarms, settings.percentile(), warnings);
        }

        Instant trainedAt = Instant.now();
        TrainingSummary summary = fit.figures().summary(windows.size(), inputs.validation().rows(),
                data.labelledCount(), settings.training().seed(), falseAlarms, (System.nanoTime() - started) / 1e9);
        ModelMetadata metadata = new ModelMetadata(VersionIds.next(trainedAt), trainedAt, spec,
                settings.seasonality().mode(), seasonality, scaler, ranges, fit.layers(), settings.percentile(),
                threshold, summary, "pending", "pending", settings.family(), fit.parameters(), hostBaselines);
        return new TrainingOutcome(metadata, fit.model(), fit.history(), fit.trainingErrors(), validationErrors,
                detected, warnings);
    }

    /** Windows of consecutive normal events per host; a labelled event breaks its host's window. */
    static List<TimedSample> assembleWindows(List<TrainingEvent> events, FeatureSpec spec) {
        WindowAssembler assembler = new WindowAssembler(spec);
        List<TimedSample> windows = new ArrayList<>();
        for (TrainingEvent event : events) {
            if (event.labelled()) {
                assembler.forget(event.key());
                continue;
            }
            double[] window = new double[spec.metricInputs()];
            if (assembler.push(event.key(), event.values(), window, 0)) {
                windows.add(new TimedSample(event.key(), event.epochMillis(), window));
            }
        }
        return windows;
    }

    private static List<TimedSample> normalEvents(List<TrainingEvent> events) {
        return events.stream().filter(event -> !event.labelled())
                .map(event -> new TimedSample(event.key(), event.epochMillis(), event.values())).toList();
    }

    private static Seasonality chooseSeasonality(SeasonalityChoice choice, SeasonalityDetector.Result detected,
                                                 List<String> warnings) {
        boolean hasTime = detected.interval() != null;
        switch (choice.mode()) {
            case SeasonalityChoice.NONE:
                return Seasonality.none();
            case SeasonalityChoice.FIXED:
                if (!hasTime) {
                    throw ExitException.failure("--seasonality " + describe(choice.periods())
                            + " needs timestamps, and the training data has none");
                }
                warnIfShort(choice.periods(), detected.longestSpan(), warnings);
                return new Seasonality(choice.periods());
            default:
                if (!hasTime) {
                    warnings.add("the training data has no timestamps: no time-of-cycle inputs");
                    return Seasonality.none();
                }
                if (detected.periods().isEmpty()) {
                    warnings.add("no cycle found in the training data, which spans "
                            + Durations.format(detected.longestSpan()) + " per host; cycles longer than half of "
                            + "that cannot be seen: train on a longer history if your metrics are cyclic");
                }
                return new Seasonality(detected.periods());
        }
    }

    private static void warnIfShort(List<Duration> periods, Duration span, List<String> warnings) {
        for (Duration period : periods) {
            if (span.compareTo(period.multipliedBy(2)) < 0) {
                warnings.add("the training data spans " + Durations.format(span) + " per host, less than two "
                        + Durations.format(period) + " cycles: the model has not seen that cycle repeat");
            }
        }
    }

    /**
     * One warning per feature that took a single value in training (a flat line, a disk always at 0): it
     * trains, and any other value of it will be an anomaly.
     *
     * @return whether every feature is constant
     */
    private static boolean warnAboutConstantFeatures(FeatureSpec spec, FeatureRanges ranges, List<String> warnings) {
        int constant = 0;
        for (int f = 0; f < spec.featureCount(); f++) {
            if (ranges.isConstant(f)) {
                constant++;
                warnings.add(String.format(Locale.ROOT, "%s is constant (%s) in the training data: any other value "
                        + "of it will be flagged", spec.features().get(f), plain(ranges.min()[f])));
            }
        }
        return constant == spec.featureCount();
    }

    private static void checkFit(double[] trainingErrors, double falseAlarms, double percentile,
                                 List<Integer> layers, InputLayout layout, double inputNoise, List<String> warnings) {
        double median = Percentile.of(trainingErrors, 50);
        int bottleneck = layers.get(layers.size() - 1);
        if (median < NEAR_ZERO_ERROR) {
            warnings.add(String.format(Locale.ROOT, "the median training error is %.2g, near zero: a bottleneck of %d "
                    + "for %d inputs can learn the identity and catch anomalies only by chance; try %s",
                    median, bottleneck, layout.inputs(),
                    inputNoise > 0 ? "a larger --input-noise" : "a narrower --layers or --input-noise 0.4"));
        }
        checkFalseAlarms(falseAlarms, percentile, warnings);
    }

    private static void checkFalseAlarms(double falseAlarms, double percentile, List<String> warnings) {
        double target = (100 - percentile) / 100;
        if (Double.isFinite(falseAlarms) && falseAlarms > 2 * target) {
            warnings.add(String.format(Locale.ROOT, "%.1f%% of held-out normal events exceed the threshold (target "
                    + "%.1f%%): the training data does not cover normal behaviour well; train on a longer history",
                    100 * falseAlarms, 100 * target));
        }
    }

    /** The last event of each selected window: every training event counts once for the scaler. */
    private static double[][] lastEvents(List<TimedSample> windows, int[] rows, FeatureSpec spec) {
        int features = spec.featureCount();
        int offset = spec.metricInputs() - features;
        double[][] events = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            events[i] = Arrays.copyOfRange(windows.get(rows[i]).values(), offset, offset + features);
        }
        return events;
    }

    private static InputMatrix encode(List<TimedSample> windows, int[] rows, InputLayout layout) {
        InputMatrix matrix = InputMatrix.allocate(rows.length, layout.inputs());
        for (int i = 0; i < rows.length; i++) {
            TimedSample window = windows.get(rows[i]);
            layout.encode(window.values(), 0, window.epochMillis(), matrix.values(), i);
        }
        return matrix;
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String describe(List<Duration> periods) {
        return String.join(",", periods.stream().map(Durations::format).toList());
    }
}
