package dev.anomaly.detector.stream;

import dev.anomaly.alerting.silence.Silences;
import dev.anomaly.common.console.Console;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.OnlineLearning;
import dev.anomaly.detector.core.DetectionBatch;
import dev.anomaly.detector.core.Outcome;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the detector says on the console: a tutorial-style line per anomaly while the stream is slow enough
 * to read them (marked when a silence holds the host's alerts back), a stats line every few seconds when it is not, and the run summary at the end.
 */
final class ConsoleReporter {
    /** Above this many events per second, single anomaly lines scroll too fast to read. */
    static final double LINE_PER_ANOMALY_MAX_RATE = 50;
    /** A poll this large means a backlog or a fast stream: no single anomaly lines. */
    static final int LINE_PER_ANOMALY_MAX_BATCH = 50;
    private static final long STATS_EVERY_NANOS = 10_000_000_000L;
    /** At low rates the anomaly lines tell the story; a stats line a minute is enough. */
    private static final long SLOW_STATS_EVERY_NANOS = 60_000_000_000L;
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final Console console;
    private final DetectorStats stats;
    private final Silences silences;
    private final long started = System.nanoTime();
    private long windowStart = started;
    private long windowEvents;
    private double recentRate;
    private long nextStats = started + STATS_EVERY_NANOS;
    private long eventsAtLastStats;
    private long lastStatsAt = started;

    ConsoleReporter(Console console, DetectorStats stats, Silences silences) {
        this.console = console;
        this.stats = stats;
        this.silences = silences;
    }

    void started(String line) {
        console.info(line);
    }

    void batch(DetectionBatch batch, ModelMetadata model) {
        long now = System.nanoTime();
        windowEvents += batch.size();
        if (now - windowStart >= RATE_WINDOW_NANOS) {
            recentRate = windowEvents / ((now - windowStart) / 1e9);
            windowStart = now;
            windowEvents = 0;
        }
        if (recentRate <= LINE_PER_ANOMALY_MAX_RATE && batch.size() <= LINE_PER_ANOMALY_MAX_BATCH) {
            for (int slot = 0; slot < batch.size(); slot++) {
                if (batch.outcome(slot) == Outcome.ANOMALY) {
                    console.result(anomalyLine(batch, slot, model) + silenced(batch.key(slot)));
                }
            }
        }
        maybeStats(now);
    }

    /** A line of detail (with --verbose). */
    void info(String line) {
        console.info(line);
    }

    /** A problem the operator must see even with --quiet. */
    void error(String line) {
        console.err().println(line);
        console.err().flush();
    }

    void idle() {
        maybeStats(System.nanoTime());
    }

    /** @param ruledOut features the alert rules name that the new model lacks: their rules are left out */
    void modelChanged(ModelMetadata model, List<String> ruledOut) {
        console.info("Now scoring with model " + model.version() + String.format(Locale.ROOT, " (threshold %.4g)",
                model.threshold()) + (ruledOut.isEmpty() ? "" : "; the alert rules for " + String.join(", ", ruledOut)
                + " are left out: it has no such feature"));
    }

    /** Says why a model does not keep learning although {@code learning} asks for it; nothing when it does. */
    void notLearning(LoadedModel model, OnlineLearning learning) {
        String reason = learning == null ? null : OnlineLearning.whyNot(model);
        if (reason != null) {
            console.info("warning: " + reason);
        }
    }

    void summary(String modelVersion) {
        double seconds = (System.nanoTime() - started) / 1e9;
        console.info(String.format(Locale.ROOT, "Processed %,d events in %.1f s (%,.0f/s): %,d anomalies (HIGH %,d, "
                        + "MEDIUM %,d), %,d dead letters, %,d not yet scorable; model %s%s", stats.events(), seconds,
                seconds > 0 ? stats.events() / seconds : 0.0, stats.anomalies(), stats.highAnomalies(),
                stats.mediumAnomalies(), stats.deadLetters(), stats.warmingUp(), modelVersion,
                (stats.suppressed() > 0 ? String.format(Locale.ROOT, "; %,d anomalies suppressed by "
                        + "the alert rules", stats.suppressed()) : "")
                        + (stats.dropped() > 0 ? String.format(Locale.ROOT, "; %,d records dropped: Kafka refused "
                        + "even their dead letters", stats.dropped()) : "")));
    }

    private void maybeStats(long now) {
        if (now < nextStats) {
            return;
        }
        double seconds = (now - lastStatsAt) / 1e9;
        long events = stats.events();
        if (events != eventsAtLastStats) {
            console.info(String.format(Locale.ROOT, "%s  %,.0f events/s · %,d events · %,d anomalies · %,d dead "
                            + "letters · lag %,d", Instant.now().toString().substring(11, 19),
                    (events - eventsAtLastStats) / seconds, events, stats.anomalies(), stats.deadLetters(),
                    stats.lag()));
        }
        eventsAtLastStats = events;
        lastStatsAt = now;
        nextStats = now + (recentRate > LINE_PER_ANOMALY_MAX_RATE ? STATS_EVERY_NANOS : SLOW_STATS_EVERY_NANOS);
    }

    /** What the alerters do with this host's anomalies now: nothing, while a silence holds them back. */
    private String silenced(String host) {
        return silences.silencing(host, Instant.now())
                .map(silence -> " \uD83D\uDD07 silenced (" + silence.id() + ": " + silence.reason() + ")").orElse("");
    }

    /** Three significant digits, never in exponent form: 44.5, 0.0123, 1230 (a network in MB/s is small). */
    private static String significant(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros()
                .toPlainString();
    }

    private static String anomalyLine(DetectionBatch batch, int slot, ModelMetadata model) {
        long timestamp = batch.time(slot);
        double confidence = batch.confidence(slot);
        boolean high = batch.severity(slot) == dev.anomaly.common.event.Severity.HIGH;
        List<String> features = model.spec().features();
        StringBuilder line = new StringBuilder(160);
        line.append("🚨 ANOMALY DETECTED! ").append(high ? "🔥 HIGH" : "⚠️ MEDIUM").append(' ')
                .append(batch.key(slot)).append(' ').append(Instant.ofEpochMilli(timestamp))
                .append(String.format(Locale.ROOT, " confidence %.1f×", confidence));
        double[] values = batch.values(slot);
        for (int f = 0; f < features.size(); f++) {
            line.append(f == 0 ? " | " : " ").append(features.get(f)).append('=')
                    .append(String.format(Locale.ROOT, "%.1f", values[f]));
            float share = batch.perFeature().share(slot, f);
            if (share >= 0.25f) {
                double expected = batch.perFeature().expected(slot, f);
                double typicalLow = batch.perFeature().typicalLow(slot, f);
                double typicalHigh = batch.perFeature().typicalHigh(slot, f);
                line.append(" (")
                        .append(Double.isFinite(expected) ? String.format(Locale.ROOT, "expected %.1f, ", expected) : "")
                        .append(Double.isFinite(typicalLow) && Double.isFinite(typicalHigh)
                                ? "typical " + significant(typicalLow) + "–" + significant(typicalHigh) + ", " : "")
                        .append(String.format(Locale.ROOT, "%.0f%% of error)", 100 * share));
            }
        }
        return line.toString();
    }
}
