package dev.anomaly.detector.offline;

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
}
