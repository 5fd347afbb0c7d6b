package dev.anomaly.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the dominant cycles of training data from the autocorrelation of each feature, per host.
 *
 * <p>Each host's series is laid on a regular grid at the data's sampling interval (missing events, such
 * as excluded anomalies, are gaps); the autocorrelation is computed by FFT with the gaps masked and
 * averaged over hosts. A feature's period is the lag of the first autocorrelation peak above
 * {@link #MIN_CORRELATION} after the curve has crossed zero, refined with a periodogram on the real
 * timestamps: the time-of-cycle inputs need the period to a fraction of a percent, or their phase drifts
 * by whole cycles over a long training span. Only lags up to half the longest host's span are
 * considered, so every period found is covered at least twice.
 */
public final class SeasonalityDetector {
    /** A peak must explain this much of the variance; noise stays near 0 (±1/√n). */
    static final double MIN_CORRELATION = 0.3;
    /** Periods closer than this (relative) are the same cycle seen in two features. */
    static final double SAME_PERIOD = 0.05;
    /** At most this many periods; each adds two inputs. */
    static final int MAX_PERIODS = 3;
    /** A host's grid is capped so a stray timestamp years away cannot exhaust memory. */
    static final int MAX_GRID = 1 << 21;
    /** The periodogram refinement reads at most this many events (evenly spread, keeping the span). */
    static final int MAX_REFINE_POINTS = 20_000;

    private SeasonalityDetector() {
    }

    /**
     * What was found.
     *
     * @param periods the cycles found, shortest first (empty if none)
     * @param interval the median time between two events of a host, or null without timestamps
     * @param longestSpan the longest time one host's samples cover
     * @param correlations per period, the autocorrelation at its lag (the strength of the cycle)
     */
    public record Result(List<Duration> periods, Duration interval, Duration longestSpan, List<Double> correlations) {
        public Result {
            periods = List.copyOf(periods);
            correlations = List.copyOf(correlations);
        }
    }

    /** Detects the cycles of {@code samples} (each with {@code featureCount} values). */
    public static Result detect(List<TimedSample> samples, int featureCount) {
        Map<String, List<TimedSample>> byHost = new LinkedHashMap<>();
        for (TimedSample sample : samples) {
            if (sample.hasTime()) {
                byHost.computeIfAbsent(sample.key(), k -> new ArrayList<>()).add(sample);
            }
        }
        Duration interval = medianInterval(byHost);
        if (interval == null) {
            return new Result(List.of(), null, Duration.ZERO, List.of());
        }
        long step = interval.toMillis();
        List<double[][]> grids = new ArrayList<>();
        long longestSpan = 0;
        for (List<TimedSample> host : byHost.values()) {
            host.sort(Comparator.comparingLong(TimedSample::epochMillis));
            long span = host.get(host.size() - 1).epochMillis() - host.get(0).epochMillis();
            longestSpan = Math.max(longestSpan, span);
            double[][] grid = toGrid(host, step, featureCount);
            if (grid != null) {
                grids.add(grid);
            }
        }
        int maxLag = (int) Math.min(Integer.MAX_VALUE, longestSpan / step / 2);
        List<Duration> periods = new ArrayList<>();
        List<Double> strengths = new ArrayList<>();
        if (maxLag >= 2) {
            for (int f = 0; f < featureCount; f++) {
                double[] acf = autocorrelation(grids, f, maxLag);
                double[] peak = firstPeak(acf);
                if (peak != null) {
                    double refined = refine(byHost.values(), f, peak[0] * step);
                    addPeriod(periods, strengths, Duration.ofMillis(Math.round(refined)), peak[1]);
                }
            }
        }
        return strongestSorted(periods, strengths, interval, Duration.ofMillis(longestSpan));
    }

    /**
     * The period near {@code coarseMillis} with the most spectral power, from the events' own timestamps:
     * a coarse grid over ±20%, then two finer grids around the best.
     */
    private static double refine(java.util.Collection<List<TimedSample>> hosts, int feature, double coarseMillis) {
        List<double[]> times = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        int total = hosts.stream().mapToInt(List::size).sum();
        int stride = Math.max(1, total / MAX_REFINE_POINTS);
        for (List<TimedSample> host : hosts) {
            int count = (host.size() + stride - 1) / stride;
            double[] t = new double[count];
            double[] z = new double[count];
            double mean = 0;
            for (int i = 0; i < count; i++) {
                TimedSample sample = host.get(i * stride);
                t[i] = sample.epochMillis() - host.get(0).epochMillis();
                z[i] = sample.values()[feature];
                mean += z[i];
            }
            mean /= Math.max(1, count);
            for (int i = 0; i < count; i++) {
                z[i] -= mean;
            }
            times.add(t);
            values.add(z);
        }
        double low = coarseMillis * 0.8;
        double high = coarseMillis * 1.2;
        double best = coarseMillis;
        for (int level = 0; level < 3; level++) {
            int steps = level == 0 ? 400 : 100;
            double width = (high - low) / steps;
            double bestPower = -1;
            for (int i = 0; i <= steps; i++) {
                double period = low + i * width;
                double power = power(times, values, period);
                if (power > bestPower) {
                    bestPower = power;
                    best = period;
                }
            }
            low = best - width;
            high = best + width;
        }
        return best;
    }

    /** Σ over hosts of |Σ z·e^(−2πi·t/P)|²: how much of the series a sinusoid of period P explains. */
    private static double power(List<double[]> times, List<double[]> values, double period) {
        double power = 0;
        double omega = 2 * Math.PI / period;
        for (int h = 0; h < times.size(); h++) {
            double[] t = times.get(h);
            double[] z = values.get(h);
            double re = 0;
            double im = 0;
            for (int i = 0; i < t.length; i++) {
                double angle = omega * t[i];
                re += z[i] * Math.cos(angle);
                im -= z[i] * Math.sin(angle);
            }
            power += re * re + im * im;
        }
        return power;
    }

    private static Duration medianInterval(Map<String, List<TimedSample>> byHost) {
        List<Long> deltas = new ArrayList<>();
        for (List<TimedSample> host : byHost.values()) {
            long[] times = host.stream().mapToLong(TimedSample::epochMillis).sorted().toArray();
            for (int i = 1; i < times.length; i++) {
                if (times[i] > times[i - 1]) {
                    deltas.add(times[i] - times[i - 1]);
                }
            }
        }
        if (deltas.isEmpty()) {
            return null;
        }
        deltas.sort(null);
        return Duration.ofMillis(deltas.get(deltas.size() / 2));
    }

    /** Per feature a grid row, NaN where the host has no event; null if the grid would be too large. */
    private static double[][] toGrid(List<TimedSample> host, long step, int featureCount) {
        long first = host.get(0).epochMillis();
        long length = (host.get(host.size() - 1).epochMillis() - first) / step + 1;
        if (length > MAX_GRID || length < 3) {
            return null;
        }
        double[][] grid = new double[featureCount][(int) length];
        for (double[] row : grid) {
            Arrays.fill(row, Double.NaN);
        }
        for (TimedSample sample : host) {
            int index = (int) Math.round((sample.epochMillis() - first) / (double) step);
            if (index < length) {
                for (int f = 0; f < featureCount; f++) {
                    grid[f][index] = sample.values()[f];
                }
            }
        }
        return grid;
    }

    /** Autocorrelation of one feature for lags 0..maxLag, gaps masked, averaged over hosts. */
    private static double[] autocorrelation(List<double[][]> grids, int feature, int maxLag) {
        double[] numerator = new double[maxLag + 1];
        double[] pairs = new double[maxLag + 1];
        for (double[][] grid : grids) {
            double[] series = grid[feature];
            double mean = 0;
            int present = 0;
            for (double value : series) {
                if (!Double.isNaN(value)) {
                    mean += value;
                    present++;
                }
            }
            mean /= Math.max(1, present);
            double variance = 0;
            for (double value : series) {
                if (!Double.isNaN(value)) {
                    variance += (value - mean) * (value - mean);
                }
            }
            variance /= Math.max(1, present);
            if (variance <= 0) {
                continue;
            }
            double sd = Math.sqrt(variance);
            double[] z = new double[series.length];
            double[] mask = new double[series.length];
            for (int i = 0; i < series.length; i++) {
                if (!Double.isNaN(series[i])) {
                    z[i] = (series[i] - mean) / sd;
                    mask[i] = 1;
                }
            }
            double[] zz = Fft.autocorrelation(z);
            double[] mm = Fft.autocorrelation(mask);
            for (int lag = 0; lag <= maxLag && lag < series.length; lag++) {
                numerator[lag] += zz[lag];
                pairs[lag] += mm[lag];
            }
        }
        double[] acf = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            // Lags with few overlapping pairs are too noisy to trust.
            acf[lag] = pairs[lag] >= 8 ? numerator[lag] / Math.round(pairs[lag]) : 0;
        }
        return acf;
    }

    /**
     * The first hump above the threshold after the first zero crossing: {lag (interpolated), value}, or
     * null.
     */
    private static double[] firstPeak(double[] acf) {
        int lag = 1;
        while (lag < acf.length && acf[lag] > 0) {
            lag++;
        }
        int best = -1;
        for (; lag < acf.length; lag++) {
            if (acf[lag] >= MIN_CORRELATION) {
                if (best < 0 || acf[lag] > acf[best]) {
                    best = lag;
                }
            } else if (best >= 0) {
                break;
            }
        }
        if (best < 0 || best == acf.length - 1) {
            return null;
        }
        // A parabola through the peak and its neighbours places it between two lags.
        double left = acf[best - 1];
        double centre = acf[best];
        double right = acf[best + 1];
        double denominator = left - 2 * centre + right;
        double shift = denominator == 0 ? 0 : 0.5 * (left - right) / denominator;
        return new double[] {best + Math.max(-0.5, Math.min(0.5, shift)), centre};
    }

    private static void addPeriod(List<Duration> periods, List<Double> strengths, Duration period, double strength) {
        for (int i = 0; i < periods.size(); i++) {
            double existing = periods.get(i).toMillis();
            if (Math.abs(existing - period.toMillis()) <= SAME_PERIOD * existing) {
                if (strength > strengths.get(i)) {
                    periods.set(i, period);
                    strengths.set(i, strength);
                }
                return;
            }
        }
        periods.add(period);
        strengths.add(strength);
    }

    private static Result strongestSorted(List<Duration> periods, List<Double> strengths, Duration interval,
                                          Duration span) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> strengths.get(i)).reversed());
        List<Integer> kept = new ArrayList<>(order.subList(0, Math.min(MAX_PERIODS, order.size())));
        kept.sort(Comparator.comparing(periods::get));
        return new Result(kept.stream().map(periods::get).map(SeasonalityDetector::roundToSecond).toList(), interval,
                span, kept.stream().map(strengths::get).toList());
    }

    /** Whole seconds read better in model.json and lose nothing at the sampling intervals we see. */
    private static Duration roundToSecond(Duration period) {
        return period.toMillis() >= 10_000 ? Duration.ofSeconds(Math.round(period.toMillis() / 1000.0)) : period;
    }
}
