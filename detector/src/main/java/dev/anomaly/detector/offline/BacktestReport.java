package dev.anomaly.detector.offline;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a CSV backtest did.
 *
 * @param rows input rows, all written to the output
 * @param scored rows scored
 * @param anomalies scored rows above the threshold
 * @param warmingUp rows whose host had no full window yet
 * @param rejected rows that could not be scored (reported with their line numbers)
 * @param suppressed scored rows the model found anomalous and the alert rules did not let stand
 */
public record BacktestReport(long rows, long scored, long anomalies, long warmingUp, long rejected,
                             long suppressed) {
    /**
     * The one-line summary {@code detect --input} prints.
     *
     * @param withRules whether alert rules were given (then the suppressed count is said even when 0)
     */
    public String summary(Path input, String modelVersion, boolean withRules) {
        return String.format(Locale.ROOT, "Scored %,d of %,d rows of %s with model %s: %,d anomalies (%.1f%%), %,d "
                        + "not scorable yet (window), %,d rejected%s", scored, rows, input, modelVersion, anomalies,
                scored > 0 ? 100.0 * anomalies / scored : 0.0, warmingUp, rejected, suppressed > 0 || withRules
                        ? String.format(Locale.ROOT, ", %,d anomalies suppressed by the alert rules", suppressed) : "");
    }
}
