package dev.anomaly.model;

import java.time.Duration;
import java.util.List;

/**
 * Time-of-cycle inputs: for each period P, sin and cos of 2π·(t mod P)/P from the event's timestamp, so
 * the model knows where in its daily (or 300 s) cycle the system is. Measured on the generator, this
 * lifts detection from z-score level to near the ceiling (shared/MODELING.md).
 *
 * @param periods the cycles, shortest first; empty for none
 */
public record Seasonality(List<Duration> periods) {
    public Seasonality {
        periods = List.copyOf(periods);
        for (Duration period : periods) {
            if (period.toMillis() < 1) {
                throw new IllegalArgumentException("a period must be at least 1 ms, got " + period);
            }
        }
    }

    /** No time-of-cycle inputs. */
    public static Seasonality none() {
        return new Seasonality(List.of());
    }

    public boolean isNone() {
        return periods.isEmpty();
    }

    /** Inputs this adds to the network: two per period. */
    public int inputCount() {
        return 2 * periods.size();
    }

    /** Writes sin, cos for each period of the instant {@code epochMillis} into {@code target}. */
    public void write(long epochMillis, float[] target, int offset) {
        for (int i = 0; i < periods.size(); i++) {
            long period = periods.get(i).toMillis();
            double angle = 2 * Math.PI * Math.floorMod(epochMillis, period) / period;
            target[offset + 2 * i] = (float) Math.sin(angle);
            target[offset + 2 * i + 1] = (float) Math.cos(angle);
        }
    }
}
